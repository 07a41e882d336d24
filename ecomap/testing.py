"""Test helpers of the ecomap app."""

from ecomap.models import Direction, Quality, Strength, Tie, TieKind
from ecomap.network import take_snapshot

# URL arguments naming a person's record: out of reach they must answer 403 or 404.
PERSONAL_ARGUMENTS = {"tie_id", "snapshot_id"}
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {"tie", "ecomap_snapshot"}


def make_tie(
    person,
    *,
    by,
    name: str = "Sister",
    kind: str = TieKind.FAMILY,
    strength: str = Strength.MODERATE,
    quality: str = Quality.SUPPORTIVE,
    direction: str = Direction.BOTH,
    frequency: str = "weekly",
    **fields,
) -> Tie:
    return Tie.objects.create(
        person=person,
        recorded_by=by,
        name=name,
        kind=kind,
        strength=strength,
        quality=quality,
        direction=direction,
        frequency=frequency,
        **fields,
    )


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    tie = make_tie(case.person, by=case.opened_by)
    snapshot = take_snapshot(case.person, by=case.opened_by, on=case.opened_on)
    return {
        "tie_id": tie.pk,
        "snapshot_id": snapshot.pk,
        "pk:tie": tie.pk,
        "pk:ecomap_snapshot": snapshot.pk,
    }
