"""The board worked one person at a time on a phone (issue 12 §6): each card carries its place
in the list, the list to jump to someone names each person's flags, and every card's fields
keep their names whatever the case's number."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from hearth import testing as t
from meetings.models import MeetingEntry
from visits.models import Crisis

pytestmark = pytest.mark.django_db


def test_each_card_carries_its_place_and_the_jump_list_names_the_flags(client, world):
    second = t.make_case(
        team=world.act_team, by=world.bob, primary=world.bob, given_name="Zed", family_name="Zulu"
    )
    Crisis.objects.create(case=second, what="Panic", severity="high", recorded_by=world.bob)
    client.force_login(world.bob)
    page = client.get(reverse("meetings:board", args=[world.act_team.pk])).content.decode()
    first = Case.objects.get(person=world.p_act)
    assert f'id="row-{first.pk}" data-name="Acacia Teamcase" data-position="1 of 2"' in page
    assert f'id="row-{second.pk}" data-name="Zed Zulu" data-position="2 of 2"' in page
    jump = page.split('<select class="board-jump"')[1].split("</select>")[0]
    assert f'<option value="row-{second.pk}">Zed Zulu · Crisis in the last 24 h' in jump
    assert 'data-board="next"' in page and 'data-board="everyone"' in page


def test_a_case_numbered_above_999_keeps_its_line_when_the_meeting_is_saved(client, world):
    # Numbers in the page are localised ("4,321"): the names of the fields must not be.
    person = t.make_person(organisation=world.act_team.program.organisation, created_by=world.bob)
    case = Case(
        pk=4321,
        person=person,
        team=world.act_team,
        opened_by=world.bob,
        opened_on=timezone.localdate(),
        stage="active",
        primary_worker=world.bob,
    )
    case.save(force_insert=True)
    client.force_login(world.bob)
    url = reverse("meetings:board", args=[world.act_team.pk])
    page = client.get(url).content.decode()
    assert 'name="line-4321"' in page and 'id="row-4321"' in page
    client.post(url, {"version": "", "line-4321": "Seen at the clinic"})
    assert MeetingEntry.objects.get(case=case).line == "Seen at the clinic"
