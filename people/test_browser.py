"""A worker at the door, on a phone (issue 12 §6): the person page opens on what the visit
needs, and every other section is one tap away — in Debian's Chromium driven by Playwright."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import LegalTodo
from hearth import testing as t
from hearth.testing import PHONE
from plans.testing import make_plan
from roster.models import Shift
from visits.models import Appointment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough password"
SUMMARY = ["#visit-safety", "#visit-appointment", "#visit-steps", "#visit-team", "#visit-follow-up"]


@pytest.fixture
def visit():
    """Dwayne, whom Aisha visits tomorrow: a safety note, a plan, a team on call, a to-do."""
    team = t.make_team(name="Parkdale ICM")
    team.phone = "416-555-0100"
    team.save()
    aisha = t.make_user(
        username="aisha", first_name="Aisha", last_name="Mohamed", password=PASSWORD
    )
    t.add_member(aisha, team=team)
    opened = timezone.localdate() - timedelta(days=40)
    case = t.make_case(
        team=team,
        by=aisha,
        primary=aisha,
        opened_on=opened,
        given_name="Dwayne",
        family_name="Clarke",
    )
    person = case.person
    person.safety_note = "A large dog lives here: call from the street before knocking."
    person.save()
    make_plan(case, by=aisha, goals=2, steps=2)
    appointment = Appointment.objects.create(
        case=case, starts_at=timezone.now() + timedelta(days=1), created_by=aisha
    )
    appointment.staff.add(aisha)
    now = timezone.now()
    Shift.objects.create(
        team=team,
        user=aisha,
        kind=Shift.Kind.ON_CALL,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=8),
        created_by=aisha,
    )
    todo = LegalTodo.objects.create(
        case=case, kind="health_card", description="Renew the health card", updated_by=aisha
    )
    return case, todo


def _open(phone, live_server, case):
    t.sign_in(phone, live_server, "aisha", PASSWORD)
    phone.goto(f"{live_server.url}/people/{case.person_id}/")


def test_the_person_page_opens_on_what_the_visit_needs_on_a_phone(live_server, phone, visit):
    case, _todo = visit
    _open(phone, live_server, case)
    for selector in SUMMARY:
        box = phone.locator(selector).bounding_box()
        assert box is not None and box["y"] + 24 <= PHONE["height"], f"{selector} is off-screen"
    assert "call from the street" in phone.locator("#visit-safety").inner_text()
    assert "Aisha Mohamed" in phone.locator("#visit-appointment").inner_text()
    assert "Visit the library together" in phone.locator("#visit-steps").inner_text()
    assert "On call now: Aisha Mohamed" in phone.locator("#visit-team").inner_text()
    assert "1 legal to-do open" in phone.locator("#visit-follow-up").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_folded_section_opens_in_one_tap(live_server, phone, visit):
    case, todo = visit
    _open(phone, live_server, case)
    timeline = phone.locator("#section-timeline")
    assert not timeline.evaluate("details => details.open")
    assert not phone.get_by_text("Case opened").is_visible()
    phone.locator(".page-menu").get_by_role("link", name="Timeline").click()
    phone.get_by_text("Case opened").wait_for()
    assert timeline.evaluate("details => details.open")
    assert phone.get_by_text("Case opened").is_visible()

    # A link in the summary to something inside a folded section opens it on the way.
    phone.locator("#visit-follow-up").get_by_role("link", name="1 legal to-do open").click()
    phone.get_by_text("Renew the health card").wait_for()
    assert phone.locator("#section-cases").evaluate("details => details.open")
    assert phone.locator(f"#todo-{todo.pk}").is_visible()

    # And a tap on a section's heading opens it in place.
    phone.locator("#section-profile > summary").click()
    assert phone.get_by_role("button", name="Edit the profile").is_visible()
