"""Who answers for a team now (R2, R3): whoever is on call, else whoever is on shift."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from roster.models import Shift


def reachable(shifts: Iterable[Shift]) -> list[Shift]:
    """Of the shifts under way, those on call, else all of them (someone on shift answers)."""
    shifts = list(shifts)
    return [s for s in shifts if s.kind == Shift.Kind.ON_CALL] or shifts


def reachable_by_team(team_ids: Iterable[int], *, now: datetime) -> dict[int, list[Shift]]:
    """``reachable`` for several teams at once, in one query; a team nobody covers now is
    missing from the answer."""
    under_way: dict[int, list[Shift]] = defaultdict(list)
    for shift in (
        Shift.objects.filter(team_id__in=list(team_ids))
        .covering(now)
        .select_related("user")
        .order_by("ends_at", "id")
    ):
        under_way[shift.team_id].append(shift)
    return {team_id: reachable(shifts) for team_id, shifts in under_way.items()}
