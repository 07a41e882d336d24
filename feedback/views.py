"""Feedback pages: a program's rounds, the two surveys, the round link and the results
(issue 6 §5; BRIEF R35, R36)."""

import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from feedback import survey as surveys
from feedback.access import (
    get_round_for_user,
    may_open_rounds,
    own_team,
    result_teams,
)
from feedback.collect import (
    AlreadyAnswered,
    RoundClosed,
    open_round,
    take_person_answer,
    take_staff_answer,
)
from feedback.forms import RoundForm
from feedback.labels import ANSWERS
from feedback.models import Audience, Channel, Round, StaffAnswered
from feedback.results import round_results
from hearth.access import public
from programs.access import get_program_for_user

# Answers from one address to one round link in an hour, before the link asks them to wait.
LINK_RATE = 30
LINK_RATE_SECONDS = 3600


@require_http_methods(["GET", "POST"])
def program_rounds(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_program_for_user(request.user, program_id)
    may_open = may_open_rounds(request.user, program)
    form = RoundForm()
    if request.method == "POST":
        if not may_open:
            messages.error(
                request,
                _("Only a program manager, data administrator or team lead opens a round."),
            )
            return redirect("feedback:rounds", program_id=program.pk)
        form = RoundForm(request.POST)
        if form.is_valid():
            round_ = open_round(program, by=request.user, **form.cleaned_data)
            messages.success(request, _("The round is open."))
            return redirect(f"{request.path}#round-{round_.pk}")
    today = timezone.localdate()
    rounds = list(Round.objects.filter(program=program))
    answered = set(
        StaffAnswered.objects.filter(round__in=rounds, user=request.user).values_list(
            "round_id", flat=True
        )
    )
    context = {
        "program": program,
        "rounds": [
            {
                "round": r,
                "open": r.is_open(today=today),
                "answered": r.pk in answered,
                "link": request.build_absolute_uri(reverse("feedback:public", args=[r.token])),
            }
            for r in rounds
        ],
        "may_open": may_open,
        "form": form,
    }
    return render(request, "feedback/rounds.html", context)


def _language(request: HttpRequest, round_: Round) -> str:
    """The language chosen on the page, else the organisation's."""
    code = request.POST.get("lang") or request.GET.get("lang") or ""
    return code if code in dict(settings.LANGUAGES) else round_.program.organisation.language


def _questions(survey: surveys.Survey, data, errors: dict) -> list[dict]:
    return [
        {
            "code": q.code,
            "text": q.text,
            "topic": q.topic_name,
            "answer": data.get(q.code, ""),
            "error": errors.get(q.code, [""])[0],
        }
        for q in survey.questions
    ]


def _person_page(request, round_, *, language, state, data=None, errors=None, visit=""):
    survey = surveys.load(Audience.PERSONS)
    with translation.override(language):
        response = render(
            request,
            "feedback/person_survey.html",
            {
                "round": round_,
                "state": state,
                "language": language,
                "languages": settings.LANGUAGES,
                "questions": _questions(survey, data or {}, errors or {}),
                "free_text": survey.free_text_label,
                "comment": (data or {}).get("comment", ""),
                "general_error": (errors or {}).get("__all__", [""])[0],
                "comment_error": (errors or {}).get("comment", [""])[0],
                "answers": [(v, str(w)) for v, w in ANSWERS.items()],
                "visit": visit,
                "posted": request.method == "POST",
                "today": timezone.localdate(),
            },
            status=409 if state == "closed" and request.method == "POST" else 200,
        )
    # The token never leaves the site; "no-referrer" would send Origin: null and fail CSRF.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _visit_key(round_: Round) -> str:
    return f"feedback-visit-{round_.pk}"


def _new_visit(request: HttpRequest, round_: Round) -> str:
    """One answer per visit: a one-time value kept in the session and spent by the answer."""
    visit = secrets.token_urlsafe(16)
    request.session[_visit_key(round_)] = visit
    return visit


def _over_rate(request: HttpRequest, round_: Round) -> bool:
    # Only a hash of the address, in the cache for an hour; never in the database.
    address = request.META.get("REMOTE_ADDR", "")
    key = "feedback-rate-{}-{}".format(
        round_.pk, hashlib.sha256(f"{round_.token}{address}".encode()).hexdigest()[:32]
    )
    cache.add(key, 0, LINK_RATE_SECONDS)
    try:
        return cache.incr(key) > LINK_RATE
    except ValueError:
        return False


def _person_survey(request: HttpRequest, round_: Round, *, channel: str, team) -> HttpResponse:
    language = _language(request, round_)
    today = timezone.localdate()
    if not round_.is_open(today=today):
        return _person_page(request, round_, language=language, state="closed")
    if request.method == "GET":
        return _person_page(
            request, round_, language=language, state="ask", visit=_new_visit(request, round_)
        )
    visit = request.session.get(_visit_key(round_))
    if not visit or request.POST.get("visit") != visit:
        return _person_page(request, round_, language=language, state="already")
    if channel == Channel.LINK and _over_rate(request, round_):
        return _person_page(request, round_, language=language, state="wait")
    with translation.override(language):
        try:
            scores, comment = surveys.check(surveys.load(Audience.PERSONS), request.POST)
        except ValidationError as refused:
            return _person_page(
                request,
                round_,
                language=language,
                state="ask",
                data=request.POST,
                errors=refused.message_dict,
                visit=visit,
            )
    try:
        take_person_answer(
            round_, channel=channel, team=team, scores=scores, comment=comment, today=today
        )
    except RoundClosed:
        return _person_page(request, round_, language=language, state="closed")
    del request.session[_visit_key(round_)]
    return _person_page(request, round_, language=language, state="thanks")


@public
@never_cache
@require_http_methods(["GET", "POST"])
def public_survey(request: HttpRequest, round_token: str) -> HttpResponse:
    """The round link: anyone with it answers the survey for persons, without signing in, in
    the language they choose. It shows the survey and nothing else; no identifier of the person
    is stored (R35). Unknown links are 404."""
    round_ = Round.objects.select_related("program__organisation").filter(token=round_token)
    round_ = round_.first()
    if round_ is None:
        raise Http404
    return _person_survey(request, round_, channel=Channel.LINK, team=None)


@never_cache
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest, round_id: int) -> HttpResponse:
    """The same survey on a worker's phone, handed to the person: the page shows nothing of
    Hearth around it, and the answer counts towards the worker's team, never the worker or the
    person."""
    round_ = get_round_for_user(request.user, round_id)
    return _person_survey(
        request, round_, channel=Channel.HANDED, team=own_team(request.user, round_.program)
    )


@require_http_methods(["GET", "POST"])
def staff_survey(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, round_id)
    survey = surveys.load(Audience.STAFF)
    today = timezone.localdate()
    answered = StaffAnswered.objects.filter(round=round_, user=request.user).exists()
    errors: dict = {}
    data: dict = {}
    if request.method == "POST":
        if not round_.is_open(today=today):
            messages.error(request, _("This survey round is closed: the answer is not saved."))
            return redirect("feedback:rounds", program_id=round_.program_id)
        if answered:
            messages.error(request, _("You have answered this round already."))
            return redirect("feedback:rounds", program_id=round_.program_id)
        data = request.POST
        try:
            scores, comment = surveys.check(survey, request.POST)
        except ValidationError as refused:
            errors = refused.message_dict
        else:
            try:
                take_staff_answer(
                    round_,
                    user=request.user,
                    team=own_team(request.user, round_.program),
                    scores=scores,
                    comment=comment,
                    today=today,
                )
            except AlreadyAnswered:
                messages.error(request, _("You have answered this round already."))
            except RoundClosed:
                messages.error(request, _("This survey round is closed: the answer is not saved."))
            else:
                messages.success(request, _("Thank you. Your answer is saved without your name."))
            return redirect("feedback:rounds", program_id=round_.program_id)
    context = {
        "round": round_,
        "open": round_.is_open(today=today),
        "answered": answered,
        "source": survey.source,
        "questions": _questions(survey, data, errors),
        "free_text": survey.free_text_label,
        "comment": data.get("comment", ""),
        "comment_limit": surveys.COMMENT_MAX,
        "general_error": errors.get("__all__", [""])[0],
        "comment_error": errors.get("comment", [""])[0],
        "answers": [(v, str(w)) for v, w in ANSWERS.items()],
    }
    return render(request, "feedback/staff_survey.html", context)


@require_GET
def results(request: HttpRequest, round_id: int) -> HttpResponse:
    """Results per round and team, each only from five answers up (R35, R36)."""
    round_ = get_round_for_user(request.user, round_id)
    teams = result_teams(request.user, round_)
    groups = round_results(round_, teams=teams)
    context = {
        "round": round_,
        "whole": teams is None,
        "sections": [
            (Audience.PERSONS.label, groups[Audience.PERSONS]),
            (Audience.STAFF.label, groups[Audience.STAFF]),
        ],
        "min_group": surveys.MIN_GROUP,
        "today": timezone.localdate(),
    }
    return render(request, "feedback/results.html", context)
