"""Workflows across several records of a case (seed 002: opening → active support → closed).

Single-record rules live on the models (``Case.close``, ``Case.reopen``); moving in, which
touches the case, the housing and its search, is ``move_in`` here.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.caseload import Gauge, gauge_after_assignment
from cases.models import Case, CaseloadOverride, CaseTransfer, LegalTodo, Stage, StageChange
from hearth.concurrency import lock_current
from housing.models import LivingSituation, Tenancy
from housing.searches import close_searches_on_move_in, open_rehousing_searches, open_search
from housing.situations import OWN_HOME_CODES, is_homeless, is_own_home
from people.models import Person
from programs.models import ServiceModel, Team


class OverStandard(Exception):
    """The assignment would exceed the program's standard; it needs explicit confirmation."""

    def __init__(self, gauge: Gauge, worker=None) -> None:
        super().__init__("caseload above the standard")
        self.gauge = gauge
        self.worker = worker


@dataclass
class Opening:
    """What a case opening records (R8)."""

    team: Team
    opened_on: date
    target_group: str
    intake_situation: int
    intake_situation_since: date | None = None
    life_history: str = ""
    hopes: str = ""
    primary_worker: object = None
    backup_worker: object = None
    method_explained_on: date | None = None
    terms_agreed_on: date | None = None
    terms_agreed_how: str = ""
    terms_witness: str = ""
    terms_notes: str = ""
    legal_todos: list[tuple[str, str, str]] = field(default_factory=list)


def _check_caseload(
    *, team: Team, worker, case: Case | None, by, confirm: bool, reason: str
) -> Gauge | None:
    gauge = gauge_after_assignment(team=team, worker=worker, case=case)
    if gauge is None or gauge.state != "over":
        return None
    if not confirm:
        raise OverStandard(gauge, worker)
    return gauge


def _record_override(case: Case, gauge: Gauge | None, *, worker, by, reason: str) -> None:
    if gauge is not None:
        CaseloadOverride.objects.create(
            case=case,
            team=case.team,
            worker=None if case.program.model == ServiceModel.ACT else worker,
            caseload_after=gauge.count,
            capacity=gauge.capacity,
            confirmed_by=by,
            reason=reason,
        )


def open_case(
    *,
    person: Person,
    opening: Opening,
    by,
    confirm_over_standard: bool = False,
    override_reason: str = "",
) -> Case:
    """Open a case for a person: the intake living situation, the agreement, the to-dos."""
    team = opening.team
    if team.program.organisation_id != person.organisation_id:
        raise ValidationError(_("The person and the team belong to different organisations."))
    if person.cases.filter(program=team.program, stage__in=[Stage.OPENING, Stage.ACTIVE]).exists():
        raise ValidationError(_("This person already has an open case in this program."))
    worker = opening.primary_worker
    gauge = _check_caseload(
        team=team,
        worker=worker,
        case=None,
        by=by,
        confirm=confirm_over_standard,
        reason=override_reason,
    )
    # The case, its first stage, the intake situation and the to-dos are one opening.
    with transaction.atomic():
        case = Case(
            person=person,
            team=team,
            opened_on=opening.opened_on,
            opened_by=by,
            target_group=opening.target_group,
            life_history=opening.life_history,
            hopes=opening.hopes,
            primary_worker=worker,
            backup_worker=opening.backup_worker,
            method_explained_on=opening.method_explained_on,
            method_explained_by=by if opening.method_explained_on else None,
            terms_agreed_on=opening.terms_agreed_on,
            terms_agreed_how=opening.terms_agreed_how,
            terms_witness=opening.terms_witness,
            terms_notes=opening.terms_notes,
        )
        case.full_clean(exclude=["person", "team", "opened_by"])
        case.save()
        StageChange.objects.create(
            case=case, from_stage="", to_stage=Stage.OPENING, on=opening.opened_on, by=by
        )
        LivingSituation.objects.create(
            person=person,
            code=opening.intake_situation,
            started_on=opening.intake_situation_since or opening.opened_on,
            recorded_by=by,
            note=_("At intake"),
        )
        LegalTodo.objects.bulk_create(
            LegalTodo(case=case, kind=kind, description=text, status=status, updated_by=by)
            for kind, text, status in opening.legal_todos
        )
        _record_override(case, gauge, worker=worker, by=by, reason=override_reason)
        if not is_own_home(opening.intake_situation):
            # The housing search starts with the case (R8): no readiness to prove first (R34).
            open_search(case, on=opening.opened_on, by=by)
    return case


def assign_workers(
    case: Case,
    *,
    primary,
    backup,
    by,
    expected_version: int,
    confirm_over_standard: bool = False,
    override_reason: str = "",
) -> None:
    if primary is not None and backup is not None and primary.pk == backup.pk:
        raise ValidationError({"backup_worker": _("The backup must be someone else.")})
    gauge = _check_caseload(
        team=case.team,
        worker=primary,
        case=case,
        by=by,
        confirm=confirm_over_standard,
        reason=override_reason,
    )
    with transaction.atomic():
        current = lock_current(case, expected_version)
        case.primary_worker = primary
        case.backup_worker = backup
        case.version = current.version + 1
        case.save(update_fields=["primary_worker", "backup_worker", "version"])
        _record_override(case, gauge, worker=primary, by=by, reason=override_reason)


def transfer_case(
    case: Case,
    *,
    to_team: Team,
    by,
    on: date,
    person_agreed: bool,
    reason: str,
    expected_version: int,
    primary=None,
    confirm_over_standard: bool = False,
    override_reason: str = "",
) -> CaseTransfer:
    """A planned transfer (R5): same case, same history, a new team and program."""
    if not case.is_open:
        raise ValidationError(_("Only an open case can be transferred."))
    if to_team.pk == case.team_id:
        raise ValidationError({"to_team": _("The case is already with this team.")})
    if to_team.program.organisation_id != case.program.organisation_id:
        raise ValidationError({"to_team": _("That team belongs to another organisation.")})
    if not person_agreed:
        raise ValidationError(
            {"person_agreed": _("A transfer is planned with the person: record that they agreed.")}
        )
    probe = Case(pk=None, team=to_team, stage=case.stage)
    gauge = _check_caseload(
        team=to_team,
        worker=primary,
        case=probe,
        by=by,
        confirm=confirm_over_standard,
        reason=override_reason,
    )
    with transaction.atomic():  # the transfer record and the case's new team together
        current = lock_current(case, expected_version)
        transfer = CaseTransfer.objects.create(
            case=case,
            from_team_id=current.team_id,
            to_team=to_team,
            on=on,
            by=by,
            person_agreed=person_agreed,
            reason=reason,
        )
        case.team = to_team
        case.primary_worker = primary
        case.backup_worker = None
        case.version = current.version + 1
        case.save()
        _record_override(case, gauge, worker=primary, by=by, reason=override_reason)
    return transfer


def record_living_situation(
    person: Person, *, code: int, on: date, by, note: str = "", lost_home: bool = False
) -> LivingSituation:
    """A new living situation. Losing the home adds a situation and nothing else: the cases
    stay open and support continues (R7)."""
    with transaction.atomic():  # the new situation and the end of the tenancy together
        situation = LivingSituation.objects.create(
            person=person,
            code=code,
            started_on=on,
            recorded_by=by,
            note=note,
            is_housing_loss=lost_home or (is_homeless(code) and _was_housed(person)),
        )
        if situation.is_housing_loss:
            Tenancy.objects.filter(person=person, ended_on__isnull=True, started_on__lte=on).update(
                ended_on=on
            )
            # Support continues and rehousing starts on every open case (R7).
            open_rehousing_searches(person, on=on, by=by)
    return situation


def move_in(
    case: Case, *, by, on: date, code: int, note: str = "", expected_version: int | None = None
) -> None:
    """Active support starts at move-in (seed 002): a situation in a home of the person's own,
    a tenancy, the end of the housing search (an accepted unit becomes the tenancy's home), and
    the case from opening to active support — together, or nothing."""
    if not is_own_home(code):
        raise ValidationError({"code": _("A move-in is into a home of the person's own.")})
    with transaction.atomic():
        current = lock_current(case, expected_version)
        if current.stage == Stage.CLOSED:
            raise ValidationError(_("This case is closed; reopen it first."))
        LivingSituation.objects.create(
            person_id=case.person_id,
            code=code,
            started_on=on,
            is_move_in=True,
            note=note,
            recorded_by=by,
        )
        tenancy = Tenancy.objects.create(
            person_id=case.person_id, started_on=on, address=case.person.address, recorded_by=by
        )
        close_searches_on_move_in(case, tenancy=tenancy, on=on)
        case.stage = current.stage
        if case.stage == Stage.OPENING:
            case._change_stage(Stage.ACTIVE, by=by, on=on, note=note)
        case.moved_in_on = on
        case.version = current.version + 1
        case.save()


def _was_housed(person: Person) -> bool:
    latest = person.living_situations.order_by("-started_on", "-id").first()
    return latest is not None and latest.code in OWN_HOME_CODES
