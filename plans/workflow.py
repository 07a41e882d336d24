"""The life of a plan: goals written with the person, versions frozen and agreed, reviews at
the interval the person chose — each review also records the closure indicators (R20)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, ReadinessRecord
from hearth.concurrency import StaleEdit, lock_current
from hearth.signatures import AgreementWay, validate_signature
from hearth.validators import past_date
from plans.models import ActionStep, Goal, GoalStatus, Plan, PlanVersion
from plans.snapshot import snapshot_of


def plan_for(case: Case, *, by) -> Plan:
    """The case's plan, started the first time a goal is written."""
    plan, _created = Plan.objects.get_or_create(case=case, defaults={"created_by": by})
    return plan


def _new_version(plan: Plan, *, by, progress: dict | None = None, **fields) -> PlanVersion:
    # Called under the plan's row lock, so two versions never get the same number.
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    return PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        snapshot=snapshot_of(plan, progress=progress),
        created_by=by,
        **fields,
    )


def save_version(plan: Plan, *, by, note: str = "") -> PlanVersion:
    """Freeze the plan as it stands, for the person to agree."""
    with transaction.atomic():
        locked = lock_current(plan, None)
        return _new_version(locked, by=by, review_note=note)


def agreement_errors(*, way: str, signature: str, witness: str, agreed_on: date | None) -> dict:
    errors: dict = {}
    if way not in AgreementWay.values:
        errors["way"] = _("Choose how the person agreed.")
    if way == AgreementWay.SIGNED_SCREEN:
        if not signature:
            errors["signature"] = _("Ask the person to sign on the screen first.")
        else:
            try:
                validate_signature(signature)
            except ValidationError as exc:
                errors["signature"] = exc.messages[0]
    if way == AgreementWay.AGREED_ALOUD and not witness.strip():
        errors["witness"] = _("Name the witness of a spoken agreement.")
    if agreed_on is None:
        errors["agreed_on"] = _("Give the date the person agreed.")
    else:
        try:
            past_date(agreed_on)
        except ValidationError as refused:
            errors["agreed_on"] = refused.messages[0]
    return errors


def record_agreement(
    version: PlanVersion,
    *,
    way: str,
    agreed_on: date,
    by,
    signature: str = "",
    witness: str = "",
    person_comment: str = "",
) -> None:
    """The person's agreement on one version: signed on the screen or on paper, or agreed
    aloud before a witness. Recorded once; a changed plan is a new version."""
    errors = agreement_errors(way=way, signature=signature, witness=witness, agreed_on=agreed_on)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():  # the check and the write under one row lock
        current = lock_current(version, None)
        if current.is_agreed:
            raise ValidationError(_("The person's agreement on this version is already recorded."))
        version.agreement_way = way
        version.signature = signature if way == AgreementWay.SIGNED_SCREEN else ""
        version.witness = witness.strip()
        version.agreed_on = agreed_on
        version.person_comment = person_comment.strip()
        version.agreement_recorded_by = by
        version.agreement_recorded_at = timezone.now()
        version.save(
            update_fields=[
                "agreement_way",
                "signature",
                "witness",
                "agreed_on",
                "person_comment",
                "agreement_recorded_by",
                "agreement_recorded_at",
            ]
        )


def set_step_status(step: ActionStep, *, status: str, by, expected_version: int) -> None:
    with transaction.atomic():
        current = lock_current(step, expected_version)
        step.status = status
        step.updated_by = by
        step.version = current.version + 1
        step.save(update_fields=["status", "updated_by", "version", "updated_at"])


@dataclass
class GoalReview:
    """What the person and the worker said about one goal at a review."""

    goal_id: int
    version: int
    status: str
    progress: str = ""


def review(
    plan: Plan,
    *,
    by,
    on: date,
    goals: list[GoalReview],
    readiness: ReadinessRecord,
    note: str,
    interval_days: int | None,
    expected_version: int,
) -> PlanVersion:
    """A review with the person: progress per goal, goals revised, the closure indicators
    recorded beside them (so closure reads a trend, not a guess), and a new version to agree."""
    try:
        past_date(on)
    except ValidationError as refused:
        raise ValidationError({"on": refused.messages}) from refused
    if any(r.status not in GoalStatus.values for r in goals):
        raise ValidationError(_("Unknown goal status."))
    # The goals, the indicators, the plan and its new version are one change.
    with transaction.atomic():
        locked = lock_current(plan, expected_version, related=("case",))
        current = {g.pk: g for g in Goal.objects.select_for_update().filter(plan=locked)}
        for r in goals:
            goal = current.get(r.goal_id)
            if goal is None or goal.version != r.version:
                raise StaleEdit
            if goal.status != r.status:
                goal.status = r.status
                goal.version += 1
                goal.save(update_fields=["status", "version", "updated_at"])
        readiness.case = locked.case
        readiness.kind = ReadinessRecord.Kind.REVIEW
        readiness.recorded_by = by
        readiness.recorded_on = on
        readiness.full_clean(exclude=["case"])
        readiness.save()
        locked.review_interval_days = interval_days
        locked.last_reviewed_on = on
        locked.version += 1
        locked.save(update_fields=["review_interval_days", "last_reviewed_on", "version"])
        plan.refresh_from_db()
        return _new_version(
            locked,
            by=by,
            progress={r.goal_id: r.progress.strip() for r in goals if r.progress.strip()},
            is_review=True,
            reviewed_on=on,
            review_note=note.strip(),
            readiness=readiness,
        )
