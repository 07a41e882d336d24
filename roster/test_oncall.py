"""Who answers for a team now: whoever is on call, else whoever is on shift (R2, R3)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from roster.models import Shift
from roster.oncall import reachable_by_team

pytestmark = pytest.mark.django_db


def _shift(team, user, *, kind, starts_in=timedelta(hours=-1), hours=4) -> Shift:
    starts_at = timezone.now() + starts_in
    return Shift.objects.create(
        team=team,
        user=user,
        kind=kind,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        created_by=user,
    )


def test_the_person_on_call_answers_before_the_people_on_shift(world):
    _shift(world.icm_team, world.tina, kind=Shift.Kind.SHIFT)
    on_call = _shift(world.icm_team, world.alice, kind=Shift.Kind.ON_CALL)
    assert reachable_by_team([world.icm_team.pk], now=timezone.now()) == {
        world.icm_team.pk: [on_call]
    }


def test_with_nobody_on_call_the_people_on_shift_answer_soonest_ending_first(world):
    later = _shift(world.icm_team, world.tina, kind=Shift.Kind.SHIFT, hours=6)
    sooner = _shift(world.icm_team, world.alice, kind=Shift.Kind.SHIFT, hours=3)
    _shift(world.icm_team, world.alice, kind=Shift.Kind.ON_CALL, starts_in=timedelta(hours=1))
    assert reachable_by_team([world.icm_team.pk], now=timezone.now()) == {
        world.icm_team.pk: [sooner, later]
    }


def test_teams_are_answered_apart_in_one_query(world, django_assert_num_queries):
    _shift(world.icm_team, world.alice, kind=Shift.Kind.SHIFT)
    _shift(world.act_team, world.bob, kind=Shift.Kind.ON_CALL)
    with django_assert_num_queries(1):
        reach = reachable_by_team(
            [world.icm_team.pk, world.act_team.pk, world.south_team.pk], now=timezone.now()
        )
        names = {team: [str(s.user) for s in shifts] for team, shifts in reach.items()}
    assert names == {world.icm_team.pk: ["Alice Case"], world.act_team.pk: ["Bob Nurse"]}
