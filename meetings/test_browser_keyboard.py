"""The ACT team's daily meeting worked with the keyboard alone (issue 12 §5, WCAG 2.1.1 and
2.4.7), in Debian's Chromium driven by Playwright."""

import pytest
from django.utils import timezone

from cases.models import Case
from hearth import testing as t
from hearth.testing import DESKTOP, tab_to
from meetings.models import TeamMeeting
from visits.models import Appointment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_meeting_board_is_worked_with_the_keyboard_alone(live_server, browser, world):
    second = t.make_case(
        team=world.act_team, by=world.bob, primary=world.bob, given_name="Bruno", family_name="Keys"
    )
    cases = [Case.objects.get(person=world.p_act), second]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", "bob")
    page.fill("#id_password", "correct horse battery")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/caseload/")
    page.goto(f"{live_server.url}/teams/{world.act_team.pk}/meeting/")

    tab_to(page, page.locator("input[name=attendees]"))
    page.keyboard.press("Space")  # Bob is here
    for case in cases:
        tab_to(page, page.get_by_role("link", name=case.person.display_name))
        tab_to(page, page.locator(f"[name=line-{case.pk}]"))
        page.keyboard.type(f"{case.person.given_name}: a visit today.")
        tab_to(page, page.locator(f"[name=reviewed-{case.pk}]"))
        page.keyboard.press("Space")
        if case == cases[0]:
            assign = page.locator(f"[name=assign-{case.pk}]")
            tab_to(page, assign)
            page.keyboard.press("ArrowDown")  # the first of the team
            assert assign.input_value() != ""
    tab_to(page, page.get_by_role("button", name="Save the meeting"))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The meeting is saved.")
    context.close()

    meeting = TeamMeeting.objects.get(team=world.act_team, on=timezone.localdate())
    assert world.bob in meeting.attendees.all()
    entries = {entry.case_id: entry for entry in meeting.entries.all()}
    for case in cases:
        assert entries[case.pk].reviewed
        assert entries[case.pk].line == f"{case.person.given_name}: a visit today."
    assert Appointment.objects.filter(case=cases[0]).count() == 1
