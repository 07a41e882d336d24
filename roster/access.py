"""Who may reach a shift, and who is on call for a team now. Each helper returns the object or
raises 404."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from programs.access import is_team_lead_of, teams_visible_to
from programs.models import Team
from roster.models import Shift


def get_team_led_by(user, team_id: int) -> Team:
    """The team, for its lead (or program manager, data administrator): 404 out of reach,
    403 for a member who does not lead it."""
    team = get_object_or_404(teams_visible_to(user), pk=team_id)
    if not is_team_lead_of(user, team):
        raise PermissionDenied
    return team


def get_shift_led_by(user, shift_id: int) -> Shift:
    shift = get_object_or_404(
        Shift.objects.filter(team__in=teams_visible_to(user)).select_related(
            "team__program__organisation", "user"
        ),
        pk=shift_id,
    )
    if not is_team_lead_of(user, shift.team):
        raise PermissionDenied
    return shift


def get_on_call_shift(user, team_id: int, *, now: datetime) -> Shift:
    """The user's on-call shift for the team under way now, or 404: being on call is what
    opens a crisis summary, not being on the team."""
    shift = (
        Shift.objects.on_call_at(now)
        .filter(user=user, team_id=team_id, team__in=teams_visible_to(user))
        .select_related("team__program__organisation")
        .order_by("starts_at", "id")
        .first()
    )
    if shift is None:
        raise Http404
    return shift
