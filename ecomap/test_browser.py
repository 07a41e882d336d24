"""The ecomap editor with the keyboard alone (issue 12 §5, WCAG 2.1.1 and 2.4.7): a tie added
and then changed without a mouse, in Debian's Chromium driven by Playwright."""

import pytest

from ecomap.models import Tie
from ecomap.testing import make_tie
from hearth.testing import DESKTOP, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_tie_is_added_and_changed_with_the_keyboard_alone(live_server, browser, world):
    make_tie(world.p_icm, by=world.alice, name="The football club", kind="leisure")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/caseload/")
    page.goto(f"{live_server.url}/people/{world.p_icm.pk}/ecomap/")

    # Adding: the folded form opens from the keyboard, then each field in turn.
    tab_to(page, page.get_by_role("button", name="Add a tie"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Who or what"))
    page.keyboard.type("Sister Anna")
    tab_to(page, page.get_by_label("Kind"))
    page.keyboard.type("Family")  # a closed list picks the option whose name is typed
    tab_to(page, page.locator("input[name=strength]:checked"))  # moderate, to begin with
    page.keyboard.press("ArrowUp")  # strong
    tab_to(page, page.get_by_role("button", name="Add the tie"))
    page.keyboard.press("Enter")
    listed = page.get_by_role("link", name="Sister Anna", exact=True)  # in the list of ties
    listed.wait_for()
    tie = Tie.objects.get(person=world.p_icm, name="Sister Anna")
    assert (tie.name, tie.kind, tie.strength) == ("Sister Anna", "family", "strong")

    # Changing: the list beside the drawing leads to the tie; arrows move through a choice.
    tab_to(page, listed)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ecomap/ties/{tie.pk}/")
    tab_to(page, page.locator("input[name=strength]:checked"))
    page.keyboard.press("ArrowDown")  # strong → moderate: saved as it changes
    page.wait_for_selector("text=the map is redrawn")
    tab_to(page, page.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    context.close()
    tie.refresh_from_db()
    assert tie.strength == "moderate"
