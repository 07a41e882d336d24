"""The team's fidelity page: every DACTS item from the records, the judged ones by a reviewer,
and the saved reviews over time."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fidelity import self_assessment as phf
from fidelity.icm import check_icm
from fidelity.labels import DETAIL, EVIDENCE, GROUPS, ITEMS
from fidelity.models import ItemRating, Review, Scale, SelfAssessment
from fidelity.reviews import mean_rating, rate_team, save_review
from programs.access import (
    get_program_for_user,
    get_team_for_user,
    is_team_lead_of,
    programs_managed_by,
)
from programs.models import ServiceModel


def _details(measure) -> list[tuple[str, object]]:
    if measure is None:
        return []
    return [
        (DETAIL[key], (_("yes") if value else _("no")) if isinstance(value, bool) else value)
        for key, value in measure.detail.items()
    ]


def _as_of(request: HttpRequest) -> date:
    try:
        on = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()
    return min(on, timezone.localdate())


@require_http_methods(["GET", "POST"])
def team_fidelity(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_team_for_user(request.user, team_id)
    may_review = is_team_lead_of(request.user, team)
    on = _as_of(request)
    scale = Scale.objects.current()
    errors: dict[str, list[str]] = {}
    judged: dict[str, tuple[int | None, str]] = {}
    if request.method == "POST":
        if not may_review:
            messages.error(
                request,
                _("Only the team's lead, program manager or data administrator saves a review."),
            )
            return redirect("fidelity:team", team_id=team.pk)
        for item in scale.parsed.judged:
            raw = request.POST.get(f"rating_{item.code}", "")
            judged[item.code] = (
                int(raw) if raw.isdigit() else None,
                request.POST.get(f"note_{item.code}", ""),
            )
        try:
            save_review(
                team, on=on, by=request.user, judged=judged, note=request.POST.get("note", "")
            )
        except ValidationError as refused:
            errors = refused.message_dict
        else:
            messages.success(request, _("The review is saved."))
            return redirect(reverse("fidelity:team", args=[team.pk]) + f"?on={on.isoformat()}")
    rows = rate_team(team, on=on, scale=scale)
    computed = [row.rating for row in rows if row.rating is not None]
    reviews = list(Review.objects.filter(team=team).select_related("reviewer", "scale")[:12])
    ratings = {
        (r.review_id, r.code): r.rating
        for r in ItemRating.objects.filter(review__in=reviews).only("review_id", "code", "rating")
    }
    icm = check_icm(team, on=on) if team.program.model == ServiceModel.ICM else []
    context = {
        "icm": [(check, reverse(check.evidence, args=[team.pk])) for check in icm],
        "team": team,
        "on": on,
        "scale": scale,
        "definition": scale.parsed,
        "groups": [
            (
                GROUPS[group],
                [
                    {
                        "row": row,
                        "name": ITEMS[row.item.code][0],
                        "measure": ITEMS[row.item.code][1],
                        "evidence": reverse(EVIDENCE[row.item.code], args=[team.pk])
                        if row.item.code in EVIDENCE
                        else "",
                        "details": _details(row.measure),
                        "judged": judged.get(row.item.code, (None, "")),
                        "error": errors.get(row.item.code, [""])[0],
                        "history": [(r.on, ratings.get((r.pk, row.item.code))) for r in reviews],
                    }
                    for row in rows
                    if row.item.group == group
                ],
            )
            for group in GROUPS
        ],
        "computed_mean": mean_rating(computed) if computed else None,
        "computed_count": len(computed),
        "reviews": reviews,
        "may_review": may_review,
        "ratings_choices": range(1, 6),
    }
    return render(request, "fidelity/team.html", context)


@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, program_id: int) -> HttpResponse:
    """The program's Housing First self-assessment: answered by its manager or data
    administrator, read by its staff; the domain scores over time."""
    program = get_program_for_user(request.user, program_id)
    may_answer = programs_managed_by(request.user).filter(pk=program.pk).exists()
    answers: dict[str, int | None] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and may_answer:
        for code in phf.QUESTIONS:
            raw = request.POST.get(code, "")
            answers[code] = int(raw) if raw.isdigit() else None
        try:
            scores = phf.score(answers)
        except ValidationError as refused:
            errors = refused.message_dict
        else:
            SelfAssessment.objects.create(
                program=program,
                version=phf.definition()["version"],
                answers=answers,
                scores={k: str(v) for k, v in scores.items()},
                note=request.POST.get("note", ""),
                by=request.user,
            )
            messages.success(request, _("The self-assessment is saved."))
            return redirect("fidelity:self_assessment", program_id=program.pk)
    history = list(SelfAssessment.objects.filter(program=program).select_related("by")[:8])
    domains = phf.definition()["domains"]
    context = {
        "program": program,
        "may_answer": may_answer,
        "source": phf.definition()["source"],
        "answer_choices": list(phf.ANSWERS.items()),
        "domains": [
            {
                "name": phf.DOMAINS[domain],
                "questions": [
                    {
                        "code": code,
                        "text": phf.QUESTIONS[code],
                        "answer": answers.get(code),
                        "error": errors.get(code, [""])[0],
                    }
                    for code in codes
                ],
                # Saved as text in the answers' JSON; a number again to be written the way the
                # reader's language writes it (3,50 in Danish).
                "history": [
                    (a.on, Decimal(a.scores[domain]) if a.scores.get(domain) else None)
                    for a in history
                ],
            }
            for domain, codes in domains.items()
        ],
        "history": history,
    }
    return render(request, "fidelity/self_assessment.html", context)
