"""The ACT team's morning meeting on a phone (issue 12 §6): the board worked one person at a
time with the keyboard, every line kept when the meeting is saved — in Debian's Chromium."""

import pytest

from hearth import testing as t
from meetings.models import MeetingEntry
from programs.models import ServiceModel
from programs.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough password"


def test_the_team_works_the_board_one_person_at_a_time_with_the_keyboard(live_server, phone):
    team = t.make_team(program=t.make_program(model=ServiceModel.ACT), name="ACT Centre-Sud")
    nurse = t.make_user(
        username="sophie", first_name="Sophie", last_name="Lavoie", password=PASSWORD
    )
    t.add_member(nurse, role=Role.NURSE, team=team)
    cases = [
        t.make_case(team=team, by=nurse, primary=nurse, given_name=given, family_name=family)
        for given, family in [("Ada", "Arsenault"), ("Bruno", "Bélanger"), ("Chloé", "Cyr")]
    ]
    t.sign_in(phone, live_server, "sophie", PASSWORD)
    phone.goto(f"{live_server.url}/teams/{team.pk}/meeting/")

    status = phone.locator(".board-status")
    assert phone.locator(".board-row:visible").count() == 1
    assert status.inner_text() == "1 of 3 · Ada Arsenault"
    next_button = phone.get_by_role("button", name="Next")
    next_button.focus()
    phone.keyboard.press("Enter")
    assert status.inner_text() == "2 of 3 · Bruno Bélanger"
    assert phone.evaluate("document.activeElement.dataset.board") == "next"  # focus stays
    assert phone.locator(".board-row:visible").count() == 1

    # On from the controls into the card shown, past the cards hidden.
    line = f"line-{cases[1].pk}"
    for _ in range(6):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.id") == line:
            break
    assert phone.evaluate("document.activeElement.id") == line
    phone.keyboard.type("Moved in on Friday; visit together.")
    phone.get_by_role("button", name="Save the meeting").click()
    phone.wait_for_url(f"**/teams/{team.pk}/meeting/**")

    entry = MeetingEntry.objects.get()
    assert (entry.case_id, entry.line) == (cases[1].pk, "Moved in on Friday; visit together.")
    assert status.inner_text() == "2 of 3 · Bruno Bélanger"  # back on the card she was on

    everyone = phone.get_by_role("button", name="Everyone")
    everyone.press("Enter")
    assert phone.locator(".board-row:visible").count() == 3
    assert everyone.get_attribute("aria-pressed") == "true"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
