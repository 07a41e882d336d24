"""The 'social support network' indicator of a closure or readiness review (R20): how many
supportive ties the person has, now, at a date, and over time.

Only ties of quality *supportive* count (``network.SUPPORTIVE_QUALITIES``): a mixed tie brings
stress as well as support. Every kind counts — family and friends, but also a dog, a football
club or the family doctor — because the question is who the person can lean on; the map and the
list show what kind of support it is.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ecomap.models import Snapshot, Tie
from ecomap.network import SUPPORTIVE_QUALITIES


def _count(ties: list[dict]) -> int:
    return sum(1 for tie in ties if tie.get("quality") in SUPPORTIVE_QUALITIES)


def supportive_ties(person, *, on: date | None = None) -> int:
    """Supportive ties of the person: today (or ``on`` today or later) from the live ties;
    at a past date from the latest snapshot taken on or before it. Where no snapshot is that
    old, from the ties' recorded history as it stood at the end of that day."""
    today = timezone.localdate()
    if on is None or on >= today:
        return Tie.objects.filter(person=person, quality__in=SUPPORTIVE_QUALITIES).current().count()
    snapshot = (
        Snapshot.objects.filter(person=person, taken_on__lte=on)
        .order_by("-taken_on", "-id")
        .only("ties")
        .first()
    )
    if snapshot is not None:
        return _count(snapshot.ties)
    end_of_day = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
    as_of = (
        Tie.history.filter(person_id=person.pk, history_date__lt=end_of_day)
        .latest_of_each()
        .filter(history_type__in=("+", "~"))
    )
    return sum(
        1
        for record in as_of
        if record.quality in SUPPORTIVE_QUALITIES
        and (record.ended_on is None or record.ended_on > on)
    )


def supportive_ties_over_time(person) -> list[tuple[date, int]]:
    """(date, supportive ties) for each day a snapshot was taken, oldest first; of two
    snapshots on one day, the later one counts."""
    by_day: dict[date, int] = {}
    for taken_on, ties in (
        Snapshot.objects.filter(person=person).chronological().values_list("taken_on", "ties")
    ):
        by_day[taken_on] = _count(ties)
    return list(by_day.items())
