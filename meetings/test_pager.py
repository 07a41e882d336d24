"""The board worked one person at a time on a phone (issue 12 §6): each card carries its place
in the list, and the list to jump to someone names each person's flags."""

import pytest
from django.urls import reverse

from cases.models import Case
from hearth import testing as t
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
