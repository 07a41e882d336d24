"""Who may see and manage programs, teams and staff."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from programs.models import Membership, Organisation, Program, Team
from programs.roles import Role


def _active(user) -> QuerySet:
    return Membership.objects.active().filter(user=user)


def teams_visible_to(user) -> QuerySet:
    m = _active(user)
    return Team.objects.filter(
        Q(pk__in=m.filter(team__isnull=False).values("team_id"))
        | Q(program__in=m.filter(role=Role.PROGRAM_MANAGER).values("program_id"))
        | Q(
            program__organisation__in=m.filter(role=Role.DATA_ADMINISTRATOR).values(
                "organisation_id"
            )
        )
    ).select_related("program__organisation")


def programs_visible_to(user) -> QuerySet:
    m = _active(user)
    return Program.objects.filter(
        Q(pk__in=m.filter(program__isnull=False).values("program_id"))
        | Q(organisation__in=m.filter(role=Role.DATA_ADMINISTRATOR).values("organisation_id"))
    )


def organisations_administered_by(user) -> QuerySet:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=_active(user).filter(role=Role.DATA_ADMINISTRATOR).values("organisation_id")
    )


def organisations_overseen_by(user) -> QuerySet:
    """Organisations whose figures as a whole (outcomes across all their programs) the user
    may read: those they are a data administrator of. A platform administrator manages
    organisations, not their data."""
    return Organisation.objects.filter(
        pk__in=_active(user).filter(role=Role.DATA_ADMINISTRATOR).values("organisation_id")
    )


def programs_managed_by(user) -> QuerySet:
    """Programs whose teams and staff the user may manage."""
    return Program.objects.filter(
        Q(pk__in=_active(user).filter(role=Role.PROGRAM_MANAGER).values("program_id"))
        | Q(organisation__in=organisations_administered_by(user).values("pk"))
    ).select_related("organisation")


def can_manage_anything(user) -> bool:
    return (
        user.is_superuser
        or programs_managed_by(user).exists()
        or organisations_administered_by(user).exists()
    )


def get_team_for_user(user, team_id: int) -> Team:
    return get_object_or_404(teams_visible_to(user), pk=team_id)


def get_program_for_user(user, program_id: int) -> Program:
    return get_object_or_404(
        programs_visible_to(user).select_related("organisation"), pk=program_id
    )


def get_managed_program(user, program_id: int) -> Program:
    return get_object_or_404(programs_managed_by(user), pk=program_id)


def get_managed_team(user, team_id: int) -> Team:
    return get_object_or_404(
        Team.objects.filter(program__in=programs_managed_by(user)).select_related("program"),
        pk=team_id,
    )


def get_administered_organisation(user, organisation_id: int) -> Organisation:
    return get_object_or_404(organisations_administered_by(user), pk=organisation_id)


def memberships_managed_by(user) -> QuerySet:
    return Membership.objects.filter(
        Q(program__in=programs_managed_by(user))
        | Q(organisation__in=organisations_administered_by(user), program__isnull=True)
    ).select_related("user", "team", "program", "organisation")


def get_managed_membership(user, membership_id: int) -> Membership:
    return get_object_or_404(memberships_managed_by(user), pk=membership_id)


def may_see_sensitive(user, case) -> bool:
    """Mental-health and substance-use details of this case: only for the roles the program
    allows, and only through the case's own team or program (R35)."""
    roles = case.program.sensitive_roles or []
    return (
        _active(user)
        .filter(
            Q(team_id=case.team_id) | Q(program_id=case.program_id, team__isnull=True),
            role__in=roles,
        )
        .exists()
    )


def is_team_lead_of(user, team: Team) -> bool:
    return (
        _active(user)
        .filter(
            Q(team=team, role=Role.TEAM_LEAD)
            | Q(program=team.program, role=Role.PROGRAM_MANAGER)
            | Q(organisation=team.program.organisation, role=Role.DATA_ADMINISTRATOR)
        )
        .exists()
    )
