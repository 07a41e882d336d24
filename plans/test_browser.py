"""A case manager on a phone: the person signs their plan on the screen (signature_pad), in
Debian's Chromium driven by Playwright."""

import pytest

from cases.models import AgreementWay
from hearth import testing as t
from hearth.signatures import validate_signature
from hearth.testing import PHONE
from plans.testing import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
