"""Who is on a team's staff: the memberships in force today."""

from django.db.models import Q, QuerySet

from accounts.models import User
from programs.models import Membership, Organisation, Team
from programs.roles import CASE_HOLDING_ROLES


def team_staff(team_id: int) -> QuerySet[User]:
    """Everyone on the team's staff today: who may own a plan's step."""
    return (
        User.objects.filter(
            pk__in=Membership.objects.active().filter(team_id=team_id).values("user_id")
        )
        .filter(is_active=True)
        .order_by("first_name", "last_name")
    )


def eligible_workers(team: Team) -> QuerySet[User]:
    """Staff who may hold a case in this team as primary worker or backup."""
    return (
        User.objects.filter(
            Q(memberships__team=team, memberships__role__in=CASE_HOLDING_ROLES)
            & Q(memberships__in=Membership.objects.active())
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def organisations_staffed_by(user: User) -> QuerySet[Organisation]:
    """The organisations the user is on the staff of today."""
    return Organisation.objects.filter(
        pk__in=Membership.objects.active().filter(user=user).values("organisation_id")
    )
