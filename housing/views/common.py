"""Helpers shared by the housing pages."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


def form_page(request, form, *, title: str, back: str, back_label: str, intro: str = ""):
    return render(
        request,
        "housing/form.html",
        {"form": form, "title": title, "back": back, "back_label": back_label, "intro": intro},
    )


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def add_errors(form, exc: ValidationError) -> None:
    """A workflow's refusal, beside the field it is about."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def keep_their_input(form, obj) -> None:
    """After a stale edit: show the current version number, keep what they typed."""
    obj.refresh_from_db()
    form.data = form.data.copy()
    form.data["version"] = obj.version


def person_page(person_id: int) -> str:
    return reverse("people:detail", args=[person_id]) + "#housing"
