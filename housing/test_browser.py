"""A case manager on a phone records an eviction: the tenancy ends, the case stays open and
the search for a new home starts (R7), in Debian's Chromium driven by Playwright."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.lifecycle import move_in
from cases.models import Stage
from hearth import testing as t
from hearth.testing import PHONE
from housing.models import EndReason, SearchReason
from housing.situations import Situation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_manager_records_an_eviction_and_support_goes_on(live_server, phone):
    team = t.make_team(name="Parkdale ICM")
    worker = t.make_user(
        username="aisha", first_name="Aisha", last_name="Mohamed", password="a long passphrase"
    )
    t.add_member(worker, team=team)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Dwayne")
    move_in(case, by=worker, on=timezone.localdate() - timedelta(days=200), code=435)
    tenancy = case.person.tenancies.get()

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "aisha")
    phone.fill("#id_password", "a long passphrase")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")
    phone.goto(f"{live_server.url}/people/{case.person_id}/")
    phone.locator("#section-housing > summary").click()  # folded under the visit's summary
    assert "201 days housed" in phone.locator("#housing").inner_text()
    phone.locator("#housing a", has_text="End this tenancy").click()
    phone.wait_for_url(f"**/tenancies/{tenancy.pk}/end/")
    phone.select_option("#id_reason", EndReason.EVICTED.value)
    phone.select_option("#id_next_situation", str(Situation.FRIEND_ROOM.value))
    phone.fill("#id_note", "Evicted for arrears; staying with a friend.")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the end-of-tenancy form scrolls sideways on a phone"
    phone.locator("main form button[type=submit]", has_text="Save").click()
    phone.wait_for_url(f"**/people/{case.person_id}/**")

    section = phone.locator("#housing").inner_text()
    assert "No home of their own at the moment." in section
    assert "Rehousing after a loss" in section
    assert "Record an offer" in section
    assert "Active support" in phone.content()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the person page scrolls sideways on a phone"

    case.refresh_from_db()
    assert case.stage == Stage.ACTIVE
    assert case.housing_searches.get(closed_on__isnull=True).reason == SearchReason.REHOUSING
