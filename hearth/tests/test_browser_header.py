"""The header on a phone (issue 12 §6): a compact menu that opens and closes with a tap or the
keyboard, every link in a row on a desktop, and the people search on every page; a refused
form takes the person to its errors — in Debian's Chromium driven by Playwright."""

import pytest

from hearth import testing as t
from hearth.testing import DESKTOP, PHONE, SMALL_PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough password"


@pytest.fixture
def aisha():
    team = t.make_team(name="Parkdale ICM")
    user = t.make_user(username="aisha", first_name="Aisha", last_name="Mohamed", password=PASSWORD)
    t.add_member(user, team=team)
    return t.make_case(team=team, by=user, primary=user, given_name="Dwayne", family_name="Clarke")


def _sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_menu_opens_and_closes_on_a_phone(live_server, phone, aisha):
    t.sign_in(phone, live_server, "aisha", PASSWORD)
    menu = phone.get_by_role("button", name="Menu")
    agenda = phone.locator("header").get_by_role("link", name="Agenda")
    assert menu.get_attribute("aria-expanded") == "false"
    assert phone.locator("header").get_by_role("link", name="My caseload").is_visible()
    assert not agenda.is_visible()

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and agenda.is_visible()
    assert _sideways(phone) <= PHONE["width"]
    phone.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and not agenda.is_visible()
    assert phone.evaluate("document.activeElement.className").startswith("menu-toggle")

    phone.keyboard.press("Enter")  # the button has the focus: the keyboard opens it again
    assert agenda.is_visible()
    phone.locator("main h1").click()  # a tap elsewhere closes it
    assert not agenda.is_visible()


def test_the_menu_fits_the_narrowest_phone_and_is_a_row_on_a_desktop(live_server, browser, aisha):
    small = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True).new_page()
    t.sign_in(small, live_server, "aisha", PASSWORD)
    assert _sideways(small) <= SMALL_PHONE["width"]
    small.get_by_role("button", name="Menu").click()
    assert _sideways(small) <= SMALL_PHONE["width"]
    small.context.close()

    desktop = browser.new_context(viewport=DESKTOP).new_page()
    t.sign_in(desktop, live_server, "aisha", PASSWORD)
    assert not desktop.get_by_role("button", name="Menu").is_visible()
    assert desktop.locator("header").get_by_role("link", name="Agenda").is_visible()
    desktop.context.close()


def test_the_header_search_finds_a_person_from_any_page(live_server, phone, aisha):
    t.sign_in(phone, live_server, "aisha", PASSWORD)
    phone.goto(f"{live_server.url}/agenda/")
    phone.get_by_role("searchbox", name="Search people by name").fill("dwayne")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/people/?q=dwayne")
    phone.locator("#results").get_by_role("link", name="Dwayne Clarke").click()
    phone.wait_for_url(f"**/people/{aisha.person_id}/")


def test_a_refused_form_takes_the_person_to_its_errors(live_server, phone, aisha):
    t.sign_in(phone, live_server, "aisha", PASSWORD)
    phone.goto(f"{live_server.url}/people/{aisha.person_id}/edit/")
    phone.fill("#id_given_name", "")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    summary = phone.locator(".error-summary")
    assert phone.evaluate("document.activeElement.classList.contains('error-summary')")
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"]
    summary.get_by_role("link", name="Given name").click()
    assert phone.evaluate("document.activeElement.id") == "id_given_name"
