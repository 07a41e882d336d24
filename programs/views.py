from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from cases.caseload import backup_counts, team_gauges, worker_gauges
from hearth.access import require
from programs.access import (
    can_manage_anything,
    get_administered_organisation,
    get_managed_membership,
    get_managed_program,
    get_managed_team,
    get_program_for_user,
    memberships_managed_by,
    organisations_administered_by,
    organisations_overseen_by,
    programs_managed_by,
    programs_visible_to,
)
from programs.forms import (
    MembershipForm,
    NewStaffForm,
    OrganisationForm,
    ProgramForm,
    TeamForm,
)
from programs.models import Membership, Organisation, Program, ServiceModel


def home(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: one's own caseload, or the management pages for someone who
    manages without holding a team's membership."""
    if request.user.is_superuser and not request.user.memberships.exists():
        return redirect("programs:manage")
    if not request.user.memberships.exists() and can_manage_anything(request.user):
        return redirect("programs:manage")
    return redirect("cases:my_caseload")


def program_list(request: HttpRequest) -> HttpResponse:
    programs = programs_visible_to(request.user).select_related("organisation")
    return render(request, "programs/program_list.html", {"programs": programs})


def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    """Ratios per team and per worker against the program's standard (R4)."""
    program = get_program_for_user(request.user, program_id)
    teams = list(program.teams.select_related("program"))
    workers = worker_gauges(teams)
    memberships = list(
        Membership.objects.active()
        .filter(team__in=teams)
        .select_related("user", "team")
        .order_by("team__name", "user__last_name")
    )
    backups = backup_counts({m.user_id for m in memberships})
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "teams": teams,
            "team_gauges": team_gauges(teams),
            "worker_gauges": workers,
            "memberships": memberships,
            "backups": backups,
            "is_act": program.model == ServiceModel.ACT,
        },
    )


manager_required = require(can_manage_anything)


@manager_required
def manage(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programs/manage.html",
        {
            "organisations": organisations_administered_by(request.user),
            "dashboard_organisations": set(
                organisations_overseen_by(request.user).values_list("pk", flat=True)
            ),
            "programs": programs_managed_by(request.user).prefetch_related("teams"),
            "can_create_organisation": request.user.is_superuser,
        },
    )


@require_http_methods(["GET", "POST"])
@require(lambda user: user.is_superuser)
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, instance=Organisation())
    form.fields["version"].required = False
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisation created."))
        return redirect("programs:manage")
    return render(request, "programs/form.html", {"form": form, "title": _("New organisation")})


@require_http_methods(["GET", "POST"])
@manager_required
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_administered_organisation(request.user, organisation_id)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        messages.success(request, _("Saved."))
        return redirect("programs:manage")
    return render(request, "programs/form.html", {"form": form, "title": organisation.name})


@require_http_methods(["GET", "POST"])
@manager_required
def program_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_administered_organisation(request.user, organisation_id)
    form = ProgramForm(request.POST or None, instance=Program(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        program = form.save(commit=False)
        defaults = Program(organisation=organisation, model=program.model)
        defaults.apply_standard_defaults()
        for name in ["persons_per_worker", "coverage_policy", "meeting_cadence"]:
            if not form.cleaned_data.get(name):
                setattr(program, name, getattr(defaults, name))
        program.save()
        messages.success(request, _("Program created with the standards of its model."))
        return redirect("programs:detail", program_id=program.pk)
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": _("New program in %(org)s") % {"org": organisation}},
    )


@require_http_methods(["GET", "POST"])
@manager_required
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_managed_program(request.user, program_id)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        messages.success(request, _("Saved."))
        return redirect("programs:detail", program_id=program.pk)
    return render(request, "programs/form.html", {"form": form, "title": program.name})


@require_http_methods(["GET", "POST"])
@manager_required
def team_create(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_managed_program(request.user, program_id)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = form.save(commit=False)
        team.program = program
        team.save()
        messages.success(request, _("Team created."))
        return redirect("programs:detail", program_id=program.pk)
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": _("New team in %(program)s") % {"program": program}},
    )


@require_http_methods(["GET", "POST"])
@manager_required
def team_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_managed_team(request.user, team_id)
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        messages.success(request, _("Saved."))
        return redirect("programs:detail", program_id=team.program_id)
    return render(request, "programs/form.html", {"form": form, "title": team.name})


@manager_required
def staff_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_in_reach(request.user, organisation_id)
    memberships = (
        memberships_managed_by(request.user)
        .filter(organisation=organisation)
        .order_by("user__last_name", "user__first_name", "start_date")
    )
    return render(
        request,
        "programs/staff_list.html",
        {"organisation": organisation, "memberships": memberships},
    )


def _organisation_in_reach(user, organisation_id: int) -> Organisation:
    programs = programs_managed_by(user).filter(organisation_id=organisation_id)
    if programs.exists():
        return programs[0].organisation
    return get_administered_organisation(user, organisation_id)


def _membership_form(request, organisation, instance=None, prefix=None):
    return MembershipForm(
        request.POST or None,
        instance=instance,
        prefix=prefix,
        organisation=organisation,
        programs=programs_managed_by(request.user).filter(organisation=organisation),
        may_appoint_administrators=organisations_administered_by(request.user)
        .filter(pk=organisation.pk)
        .exists(),
    )


@require_http_methods(["GET", "POST"])
@manager_required
def staff_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """A new staff member and their first membership, together or not at all."""
    organisation = _organisation_in_reach(request.user, organisation_id)
    user_form = NewStaffForm(request.POST or None, prefix="u")
    membership_form = _membership_form(request, organisation, prefix="m")
    if request.method == "POST" and user_form.is_valid() and membership_form.is_valid():
        with transaction.atomic():
            user = user_form.save()
            membership = membership_form.save(commit=False)
            membership.user = user
            membership.save()
        messages.success(request, _("Staff member added."))
        return redirect("programs:staff", organisation_id=organisation.pk)
    return render(
        request,
        "programs/staff_form.html",
        {
            "forms": [user_form, membership_form],
            "organisation": organisation,
            "title": _("New staff member"),
        },
    )


@require_http_methods(["GET", "POST"])
@manager_required
def membership_add(request: HttpRequest, organisation_id: int, user_id: int) -> HttpResponse:
    organisation = _organisation_in_reach(request.user, organisation_id)
    staff = (
        memberships_managed_by(request.user)
        .filter(organisation=organisation, user_id=user_id)
        .first()
    )
    if staff is None:
        return render(request, "404.html", status=404)
    user: User = staff.user
    form = _membership_form(request, organisation)
    if request.method == "POST" and form.is_valid():
        membership = form.save(commit=False)
        membership.user = user
        membership.save()
        messages.success(request, _("Membership added."))
        return redirect("programs:staff", organisation_id=organisation.pk)
    return render(
        request,
        "programs/staff_form.html",
        {
            "forms": [form],
            "organisation": organisation,
            "title": _("New role for %(name)s") % {"name": user},
        },
    )


@require_http_methods(["GET", "POST"])
@manager_required
def membership_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_managed_membership(request.user, membership_id)
    form = _membership_form(request, membership.organisation, instance=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("programs:staff", organisation_id=membership.organisation_id)
    return render(
        request,
        "programs/staff_form.html",
        {"forms": [form], "organisation": membership.organisation, "title": str(membership)},
    )
