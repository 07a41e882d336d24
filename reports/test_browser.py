"""Writing a visit report on a phone (issue 12 §6): the draft's status stays in view while the
worker types far down the form, and a refused signature takes her to what is missing — in
Debian's Chromium driven by Playwright."""

import pytest

from hearth import testing as t
from hearth.testing import PHONE
from reports.tests import _contact, _template
from reports.workflow import report_for_new_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough password"


def _in_view(page, selector) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_draft_status_and_a_refused_signature_show_where_the_worker_looks(live_server, phone):
    team = t.make_team(name="Parkdale ICM")
    aisha = t.make_user(
        username="aisha", first_name="Aisha", last_name="Mohamed", password=PASSWORD
    )
    t.add_member(aisha, team=team)
    case = t.make_case(team=team, by=aisha, primary=aisha, given_name="Dwayne")
    _template(case.program)
    report = report_for_new_contact(_contact(case, aisha), author=aisha)
    t.sign_in(phone, live_server, "aisha", PASSWORD)
    phone.goto(f"{live_server.url}/reports/{report.pk}/")

    phone.locator("#id_priorities_1").scroll_into_view_if_needed()
    phone.locator("#id_home").fill("Kitchen sorted, the fridge works.")
    phone.get_by_text("Draft saved").wait_for()
    assert _in_view(phone, "#id_home") and _in_view(phone, "#save-status")

    phone.locator("#id_priorities_1").scroll_into_view_if_needed()  # far down the form
    phone.get_by_role("button", name="Sign the report").click()
    phone.wait_for_load_state()
    assert phone.evaluate("document.activeElement.classList.contains('error-summary')")
    assert _in_view(phone, ".error-summary")
    phone.locator(".error-summary").get_by_role("link", name="Budget made?").click()
    assert phone.evaluate("document.activeElement.name") == "budget"
    assert "Fill this in before signing." in phone.locator("#id_budget_error").inner_text()
