"""A case manager on a phone: the person signs their plan on the screen (signature_pad), in
Debian's Chromium driven by Playwright."""

import pytest

from hearth import testing as t
from hearth.signatures import AgreementWay, validate_signature
from hearth.testing import DESKTOP, PHONE, tab_to
from plans.testing import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# True when nothing is drawn on the pad's canvas (every pixel white).
BLANK = """canvas => !canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height)
  .data.some((value, i) => i % 4 !== 3 && value !== 255)"""


def test_the_person_signs_their_plan_on_the_phones_screen(live_server, phone):
    team = t.make_team(name="Sé")
    worker = t.make_user(
        username="ana", first_name="Ana", last_name="Souza", password="uma senha bem forte"
    )
    t.add_member(worker, team=team)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Toninho")
    _plan, version = make_plan(case, by=worker, agreed=False)

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "ana")
    phone.fill("#id_password", "uma senha bem forte")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")
    phone.goto(f"{live_server.url}/cases/{case.pk}/plan/")
    phone.get_by_role("link", name="Record the agreement").click()
    phone.wait_for_url("**/agreement/")

    canvas = phone.locator("[data-signature-pad] canvas")
    canvas.wait_for(state="visible")  # shown by the script for "signed on the screen"
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    phone.mouse.move(box["x"] + 20, box["y"] + 60)
    phone.mouse.down()
    for step in range(1, 15):
        phone.mouse.move(box["x"] + 20 + step * 18, box["y"] + 60 + (step % 4) * 15)
    phone.mouse.up()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the agreement page scrolls sideways on a phone"
    phone.locator("#agreement-form button[type=submit]").last.click()
    phone.wait_for_url(f"**/cases/{case.pk}/plan/")

    version.refresh_from_db()
    assert version.agreement_way == AgreementWay.SIGNED_SCREEN
    validate_signature(version.signature)
    assert len(version.signature) > 500  # a drawn signature, not an empty canvas

    # "Agreed aloud" hides the pad; the witness is then required.
    _plan, second = make_plan(case, by=worker, agreed=False)
    phone.goto(f"{live_server.url}/cases/{case.pk}/plan/versions/{second.pk}/agreement/")
    phone.check("input[name=way][value=aloud_witnessed]")
    assert not canvas.is_visible()
    phone.fill("#id_witness", "Carlos Oliveira")
    phone.locator("#agreement-form button[type=submit]").last.click()
    phone.wait_for_url(f"**/cases/{case.pk}/plan/")
    second.refresh_from_db()
    assert second.agreement_way == AgreementWay.AGREED_ALOUD and second.signature == ""


def test_a_keyboard_alone_reaches_the_pad_clears_it_and_records_a_spoken_agreement(
    live_server, browser
):
    """Issue 12 §5: a signature needs a pointer (WCAG 2.1.1 excepts it); the keyboard reaches the
    pad and its button, and the agreement given aloud before a witness needs no drawing."""
    team = t.make_team(name="Sé")
    worker = t.make_user(username="ana", password="uma senha bem forte")
    t.add_member(worker, team=team)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Toninho")
    _plan, version = make_plan(case, by=worker, agreed=False)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", "uma senha bem forte")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/caseload/")
    page.goto(f"{live_server.url}/cases/{case.pk}/plan/versions/{version.pk}/agreement/")

    pad = page.locator("[data-signature-pad] canvas")
    tab_to(page, pad)  # the pad is reached, named, and says how to agree without drawing
    assert pad.get_attribute("aria-label")
    hint = page.locator(f"#{pad.get_attribute('aria-describedby')}")
    assert "Agreed aloud, witnessed" in hint.inner_text()
    box = pad.bounding_box()  # someone draws with the mouse; the keyboard clears it
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 80)
    page.mouse.up()
    assert not pad.evaluate(BLANK)
    pad.focus()
    tab_to(page, page.get_by_role("button", name="Clear and sign again"))
    page.keyboard.press("Enter")
    assert pad.evaluate(BLANK)

    # Back to the choice, and on to the spoken agreement with an arrow key.
    tab_to(page, page.locator("input[name=way]:checked"), backwards=True)  # on the screen
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=way][value=aloud_witnessed]").is_checked()
    assert not pad.is_visible()
    tab_to(page, page.get_by_role("textbox", name="Witness"))
    page.keyboard.type("Carlos Oliveira")
    tab_to(page, page.get_by_role("button", name="Record the agreement"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cases/{case.pk}/plan/")
    context.close()
    version.refresh_from_db()
    assert version.agreement_way == AgreementWay.AGREED_ALOUD
    assert version.witness == "Carlos Oliveira" and version.signature == ""
