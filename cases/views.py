from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.log import record
from cases.access import get_case_for_user
from cases.caseload import team_gauges, worker_gauges
from cases.forms import (
    CaseDetailsForm,
    CloseForm,
    LegalTodoForm,
    LegalTodoFormSet,
    MoveInForm,
    OpenCaseForm,
    ReadinessForm,
    ReopenForm,
    TransferForm,
    WorkersForm,
)
from cases.lifecycle import Opening, OverStandard, assign_workers, move_in, open_case, transfer_case
from cases.models import Case, LegalTodo, ReadinessRecord
from cases.recording import add_to_case
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.domain import PERSON_APPS, hooks
from people.access import get_person_for_user
from people.forms import NewPersonForm
from people.matching import find_matches
from people.models import NationalIdentifier
from programs.access import get_team_for_user, teams_visible_to
from programs.models import Membership, ServiceModel
from visits.cadence import cadence_of


def _listed(request: HttpRequest, cases) -> list[Case]:
    """Evaluate a caseload, attach each open case's visit cadence, and record in the audit
    trail every person it shows."""
    cases = list(cases)
    today = timezone.localdate()
    for case in cases:
        case.cadence = cadence_of(case, today=today) if case.is_open else None
    record(request, "list", object_type="cases.Case", person_ids=[c.person_id for c in cases])
    return cases


def my_caseload(request: HttpRequest) -> HttpResponse:
    """ICM: the persons I hold as primary worker or backup. ACT: see the team caseload."""
    teams = list(
        teams_visible_to(request.user)
        .filter(memberships__user=request.user, memberships__in=Membership.objects.active())
        .distinct()
    )
    cases = (
        Case.objects.visible_to(request.user).open().for_worker(request.user).for_caseload_page()
    )
    return render(
        request,
        "cases/my_caseload.html",
        {
            "cases": _listed(request, cases),
            "teams": teams,
            "gauge": worker_gauges(teams).get(request.user.pk),
            "act_teams": [t for t in teams if t.program.model == ServiceModel.ACT],
            "today": timezone.localdate(),
        },
    )


def team_caseload(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_team_for_user(request.user, team_id)
    show_closed = request.GET.get("closed") == "1"
    cases = Case.objects.visible_to(request.user).filter(team=team)
    if not show_closed:
        cases = cases.open()
    context = {
        "cases": _listed(request, cases.for_caseload_page()),
        "team": team,
        "gauge": team_gauges([team])[team.pk],
        "show_closed": show_closed,
        "today": timezone.localdate(),
    }
    template = "cases/team_caseload.html#rows" if request.htmx else "cases/team_caseload.html"
    return render(request, template, context)


def _caseload_notice(request: HttpRequest, case: Case) -> None:
    """Warn before the standard is exceeded (R4): at 90 % of capacity and above."""
    if case.program.model == ServiceModel.ACT:
        gauge, holder = team_gauges([case.team])[case.team_id], str(case.team)
    elif case.primary_worker_id:
        gauge = worker_gauges([case.team]).get(case.primary_worker_id)
        holder = str(case.primary_worker)
    else:
        return
    if gauge is not None and gauge.state != "ok":
        messages.warning(
            request,
            ngettext(
                "%(holder)s now holds %(count)s person for a capacity of %(capacity)s: %(state)s.",
                "%(holder)s now holds %(count)s persons for a capacity of %(capacity)s: %(state)s.",
                gauge.count,
            )
            % {
                "holder": holder,
                "count": gauge.count,
                "capacity": gauge.capacity_display,
                "state": str(gauge.state_label).lower(),
            },
        )


def _opening_teams(user):
    """Teams in which the user may open a case: those they work in, lead or manage."""
    return teams_visible_to(user).filter(program__organisation__isnull=False)


def _override_response(request, template, context, exc: OverStandard):
    context["over_standard"] = exc.gauge
    context["over_worker"] = exc.worker
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def open_case_new_person(request: HttpRequest) -> HttpResponse:
    """Register a new person and open their case, after checking for likely matches."""
    teams = list(_opening_teams(request.user))
    if not teams:
        return render(request, "403.html", status=403)
    data = request.POST or None
    matches = _matches_from(request, request.POST) if data else []
    organisation = teams[0].program.organisation
    person_form = NewPersonForm(data, organisation=organisation, matches=matches, prefix="p")
    case_form = OpenCaseForm(data, teams=teams, prefix="c")
    todos = LegalTodoFormSet(data, prefix="t")
    context = {
        "person_form": person_form,
        "case_form": case_form,
        "todos": todos,
        "matches": matches,
    }
    if data and person_form.is_valid() and case_form.is_valid() and todos.is_valid():
        team = case_form.cleaned_data["team"]
        try:
            # The person and their case are registered together or not at all.
            with transaction.atomic():
                person = person_form.save(commit=False)
                person.organisation = team.program.organisation
                person.created_by = request.user
                person.save()
                compact = person_form.cleaned_data.get("identifier_compact")
                if compact:
                    NationalIdentifier.objects.create(
                        person=person,
                        kind=person_form.cleaned_data["identifier_kind"],
                        value=compact,
                    )
                case = _open(request, person, case_form, todos)
        except OverStandard as exc:
            return _override_response(request, "cases/open_case.html", context, exc)
        except ValidationError as exc:
            case_form.add_error(None, exc)
            return render(request, "cases/open_case.html", context)
        record(request, "create", person)
        record(request, "create", case)
        messages.success(
            request,
            _("%(name)s is registered and their case is open.") % {"name": person.display_name},
        )
        _caseload_notice(request, case)
        return redirect("people:detail", person_id=person.pk)
    return render(request, "cases/open_case.html", context)


def _open(request, person, case_form, todos) -> Case:
    d = case_form.cleaned_data
    opening = Opening(
        team=d["team"],
        opened_on=d["opened_on"],
        target_group=d["target_group"],
        intake_situation=d["intake_situation"],
        intake_situation_since=d.get("intake_situation_since"),
        life_history=d["life_history"],
        hopes=d["hopes"],
        primary_worker=d.get("primary_worker"),
        backup_worker=d.get("backup_worker"),
        method_explained_on=d.get("method_explained_on"),
        terms_agreed_on=d.get("terms_agreed_on"),
        terms_agreed_how=d.get("terms_agreed_how", ""),
        terms_witness=d.get("terms_witness", ""),
        terms_notes=d.get("terms_notes", ""),
        legal_todos=[
            (f.cleaned_data["kind"], f.cleaned_data["description"], f.cleaned_data["status"])
            for f in todos.forms
            if f.cleaned_data and f.cleaned_data.get("description")
        ],
    )
    return open_case(
        person=person,
        opening=opening,
        by=request.user,
        confirm_over_standard=d.get("confirm_over_standard", False),
        override_reason=d.get("override_reason", ""),
    )


def _matches_from(request, data):
    from datetime import date

    raw_birth = data.get("p-birth_date", "")
    try:
        birth = date.fromisoformat(raw_birth) if raw_birth else None
    except ValueError:
        birth = None
    return find_matches(
        request.user,
        given_name=data.get("p-given_name", ""),
        family_name=data.get("p-family_name", ""),
        birth_date=birth,
        identifier_kind=data.get("p-identifier_kind", ""),
        identifier_value=data.get("p-identifier_value", ""),
    )


@require_POST
def person_matches(request: HttpRequest) -> HttpResponse:
    """htmx: the likely existing matches as the worker types."""
    matches = _matches_from(request, request.POST)
    record(
        request,
        "search",
        object_type="people.Person",
        person_ids=[m.person.pk for m in matches],
        detail={"purpose": "duplicate check"},
    )
    return render(request, "cases/open_case.html#matches", {"matches": matches})


@require_http_methods(["GET", "POST"])
def open_case_existing_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    teams = list(_opening_teams(request.user).filter(program__organisation=person.organisation))
    data = request.POST or None
    case_form = OpenCaseForm(data, teams=teams, prefix="c")
    todos = LegalTodoFormSet(data, prefix="t")
    context = {"person": person, "case_form": case_form, "todos": todos}
    if data and case_form.is_valid() and todos.is_valid():
        try:
            case = _open(request, person, case_form, todos)
        except OverStandard as exc:
            return _override_response(request, "cases/open_case.html", context, exc)
        except ValidationError as exc:
            case_form.add_error(None, exc)
        else:
            record(request, "create", case)
            messages.success(request, _("The case is open."))
            _caseload_notice(request, case)
            return redirect("people:detail", person_id=person.pk)
    return render(request, "cases/open_case.html", context)


def _case_action(
    request,
    case,
    form,
    action,
    *,
    success: str,
    title: str,
    template: str = "cases/case_form.html",
    caseload_notice: bool = False,
    **extra,
) -> HttpResponse:
    """Show the form; on a valid POST run the lifecycle action. Its refusals (a stale
    version, a rule, a caseload above the standard) come back as messages on the form, and
    nothing is half-saved."""
    context = {"form": form, "case": case, "title": title, **extra}
    if request.method != "POST" or not form.is_valid():
        return render(request, template, context)
    try:
        action(form.cleaned_data)
    except OverStandard as exc:
        return _override_response(request, template, context, exc)
    except StaleEdit:
        form.add_error(None, STALE_MESSAGE)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    else:
        record(request, "change", case, detail={"action": action.__name__})
        messages.success(request, success)
        if caseload_notice:
            case.refresh_from_db()
            _caseload_notice(request, case)
        return redirect("people:detail", person_id=case.person_id)
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    form = CaseDetailsForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", case, detail={"fields": form.changed_data})
        messages.success(request, _("Saved."))
        return redirect("people:detail", person_id=case.person_id)
    return render(
        request, "cases/case_form.html", {"form": form, "case": case, "title": _("Opening record")}
    )


@require_http_methods(["GET", "POST"])
def case_workers(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)

    def assign(d):
        assign_workers(
            case,
            primary=d["primary_worker"],
            backup=d["backup_worker"],
            by=request.user,
            expected_version=d["version"],
            confirm_over_standard=d["confirm_over_standard"],
            override_reason=d["override_reason"],
        )

    return _case_action(
        request,
        case,
        WorkersForm(request.POST or None, case=case),
        assign,
        success=_("Workers assigned."),
        caseload_notice=True,
        title=_("Workers"),
    )


@require_http_methods(["GET", "POST"])
def case_move_in(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)

    def run(d):
        move_in(
            case,
            by=request.user,
            on=d["on"],
            code=d["code"],
            note=d["note"],
            expected_version=d["version"],
        )

    form = MoveInForm(request.POST or None, initial={"version": case.version})
    return _case_action(
        request,
        case,
        form,
        run,
        title=_("Move-in"),
        success=_("Moved in. Active support has started."),
    )


@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    form = CloseForm(request.POST or None, initial={"version": case.version})

    def close(d):
        case.close(
            by=request.user,
            on=d["on"],
            reason=d["reason"],
            readiness=form.save(commit=False),
            expected_version=d["version"],
        )

    return _case_action(
        request,
        case,
        form,
        close,
        template="cases/case_close.html",
        title=_("Close the case"),
        success=_("The case is closed."),
        trend=case.readiness_records.order_by("-recorded_on", "-id")[:6],
        # What the person apps add to the readiness, e.g. the ecomap's "social support
        # network" indicator (R20).
        **readiness_indicators(case.person),
    )


def readiness_indicators(person) -> dict:
    context: dict = {}
    for _app, module in hooks("readiness", PERSON_APPS):
        context |= module.readiness_context(person)
    return context


@require_http_methods(["GET", "POST"])
def case_reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)

    def reopen(d):
        case.reopen(by=request.user, on=d["on"], reason=d["reason"], expected_version=d["version"])

    form = ReopenForm(request.POST or None, initial={"version": case.version})
    return _case_action(
        request, case, form, reopen, title=_("Reopen the case"), success=_("The case is reopened.")
    )


@require_http_methods(["GET", "POST"])
def case_transfer(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)

    def transfer(d):
        transfer_case(
            case,
            to_team=d["to_team"],
            by=request.user,
            on=d["on"],
            person_agreed=d["person_agreed"],
            reason=d["reason"],
            expected_version=d["version"],
            confirm_over_standard=d["confirm_over_standard"],
            override_reason=d["override_reason"],
        )

    form = TransferForm(request.POST or None, case=case, teams=teams_visible_to(request.user))
    return _case_action(
        request,
        case,
        form,
        transfer,
        title=_("Planned transfer"),
        success=_("The case is transferred; its history goes with it."),
        caseload_notice=True,
    )


@require_http_methods(["GET", "POST"])
def case_readiness(request: HttpRequest, case_id: int) -> HttpResponse:
    """A readiness review: the closure indicators over time (R20)."""
    case = get_case_for_user(request, case_id)
    form = ReadinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        readiness = form.save(commit=False)
        readiness.case = case
        readiness.kind = ReadinessRecord.Kind.REVIEW
        readiness.recorded_by = request.user
        readiness.save()
        record(request, "create", readiness, person_id=case.person_id)
        messages.success(request, _("Readiness review recorded."))
        return redirect("people:detail", person_id=case.person_id)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "title": _("Readiness review")},
    )


@require_POST
def legal_todo_status(request: HttpRequest, case_id: int, todo_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id, action="change")
    todo = get_object_or_404(LegalTodo, pk=todo_id, case=case)
    status = request.POST.get("status", "")
    if status in LegalTodo.Status.values:
        todo.status = status
        todo.updated_by = request.user
        todo.save()
        record(request, "change", todo, person_id=case.person_id)
    if request.htmx:
        return render(request, "people/person_detail.html#todo", {"todo": todo, "case": case})
    return redirect("people:detail", person_id=case.person_id)


@require_http_methods(["GET", "POST"])
def legal_todo_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    return add_to_case(
        request,
        case,
        LegalTodoForm(request.POST or None),
        author_field="updated_by",
        success=_("Saved."),
        title=_("Add a legal to-do"),
    )
