"""Who reaches a feedback round, opens one, and reads its results (R36)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from feedback.models import Round
from programs.access import programs_managed_by, programs_visible_to
from programs.models import Membership, Program, Team
from programs.roles import Role


def rounds_visible_to(user):
    return Round.objects.filter(program__in=programs_visible_to(user)).select_related(
        "program__organisation"
    )


def get_round_for_user(user, round_id: int) -> Round:
    """The round of a program the user works in, or 404."""
    return get_object_or_404(rounds_visible_to(user), pk=round_id)


def _led_teams(user, program: Program):
    return Team.objects.filter(
        program=program,
        pk__in=Membership.objects.active().filter(user=user, role=Role.TEAM_LEAD).values("team_id"),
    )


def manages(user, program: Program) -> bool:
    return programs_managed_by(user).filter(pk=program.pk).exists()


def may_open_rounds(user, program: Program) -> bool:
    """Program managers, data administrators and the program's team leads."""
    return manages(user, program) or _led_teams(user, program).exists()


def result_teams(user, round_: Round) -> list[Team] | None:
    """``None``: every team and the whole round (managers, data administrators); a list: the
    team lead's own teams. Anyone else in the program: 403."""
    if manages(user, round_.program):
        return None
    teams = list(_led_teams(user, round_.program))
    if not teams:
        raise PermissionDenied
    return teams


def own_team(user, program: Program) -> Team | None:
    """The user's team in the program (the answers count towards it), if they have one."""
    membership = (
        Membership.objects.active()
        .filter(Q(team__program=program), user=user)
        .select_related("team")
        .order_by("id")
        .first()
    )
    return membership.team if membership else None
