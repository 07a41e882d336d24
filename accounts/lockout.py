"""The sign-in lockout (django-axes: per user name and address, AXES_* in settings), as a person
is told about it. The same words whether or not the name belongs to anyone: axes counts the
attempts of a name, known or not, so the answer never tells which names exist."""

import math

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def paused_minutes(request: HttpRequest | None = None) -> int | None:
    """How long signing in stays paused after the last failed attempt, in whole minutes (None:
    until an administrator lifts it)."""
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def paused_message(request: HttpRequest | None = None) -> str:
    """Signing in is paused, and for how long, in the active language (the request's)."""
    minutes = paused_minutes(request)
    if minutes is None:
        return _(
            "Signing in is paused: there were too many failed attempts with this name. "
            "Ask your administrator."
        )
    return ngettext(
        "Signing in is paused for %(minutes)d minute: there were too many failed attempts "
        "with this name. Try again after that, or ask your administrator.",
        "Signing in is paused for %(minutes)d minutes: there were too many failed attempts "
        "with this name. Try again after that, or ask your administrator.",
        minutes,
    ) % {"minutes": minutes}


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The web sign-in's answer to a locked name (settings.AXES_LOCKOUT_CALLABLE): the same
    words as the API's, saying for how long."""
    return render(
        request, "accounts/locked_out.html", {"message": paused_message(request)}, status=429
    )
