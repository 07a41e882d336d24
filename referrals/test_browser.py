"""A case manager on a phone refers a person to CAPS AD: refused without consent, the consent
recorded, the referral sent (R14, R35), in Debian's Chromium driven by Playwright."""

import pytest

from hearth import testing as t
from hearth.testing import PHONE
from referrals.models import Consent, Referral
from referrals.testing import make_resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(phone, where: str) -> None:
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways on a phone"


def test_a_referral_needs_the_persons_consent_then_goes_out(live_server, phone):
    team = t.make_team(name="Sé")
    worker = t.make_user(username="ana", password="uma senha bem forte")
    t.add_member(worker, team=team)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Toninho")
    make_resource(team.program.organisation, name="CAPS AD Sé", area="Sé")

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "ana")
    phone.fill("#id_password", "uma senha bem forte")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")

    phone.goto(f"{live_server.url}/cases/{case.pk}/referrals/new/")
    _no_sideways_scroll(phone, "the new referral page")
    phone.select_option("#id_resource", label="CAPS AD Sé")
    phone.fill("#id_purpose", "Acompanhamento no ritmo dele")
    phone.check("input[name=shares][value=health]")
    phone.locator("main form button[type=submit]").click()
    # Beside the field, and in the summary of the errors at the top of the form.
    phone.locator("#id_shares_error", has_text="has not given a valid consent").wait_for()
    assert "has not given a valid consent" in phone.locator(".error-summary").inner_text()
    assert not Referral.objects.exists()

    phone.goto(f"{live_server.url}/people/{case.person_id}/consents/new/")
    _no_sideways_scroll(phone, "the consent page")
    phone.select_option("#id_purpose", "referral")
    phone.select_option("#id_resource", label="CAPS AD Sé")
    phone.check("input[name=given_how][value=signed_paper]")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/people/{case.person_id}/consents/")
    assert Consent.objects.count() == 1

    phone.goto(f"{live_server.url}/cases/{case.pk}/referrals/new/")
    phone.select_option("#id_resource", label="CAPS AD Sé")
    phone.fill("#id_purpose", "Acompanhamento no ritmo dele")
    phone.check("input[name=shares][value=health]")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/referrals/*/")
    _no_sideways_scroll(phone, "the referral page")
    assert Referral.objects.get().consent == Consent.objects.get()


def test_the_person_signs_their_consent_on_the_workers_phone(live_server, phone):
    """Signed on the screen is what the person draws, not a choice: the pad, the signed copy
    kept as their document, downloadable from the consent list (issue 12 §8)."""
    from hearth.signatures import AgreementWay
    from hearth.testing import draw_with_mouse

    team = t.make_team(name="Sé")
    worker = t.make_user(username="ana", password="uma senha bem forte")
    t.add_member(worker, team=team)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Toninho")
    make_resource(team.program.organisation, name="CAPS AD Sé", area="Sé")

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "ana")
    phone.fill("#id_password", "uma senha bem forte")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")

    phone.goto(f"{live_server.url}/people/{case.person_id}/consents/new/")
    assert phone.locator("input[name=given_how][value=signed_screen]").count() == 0
    phone.select_option("#id_purpose", "referral")
    phone.select_option("#id_resource", label="CAPS AD Sé")
    phone.fill("#id_scope_note", "Nome e telefone")
    phone.check("input[name=given_how][value=signed_paper]")
    canvas = phone.locator("[data-signature-pad] canvas")
    canvas.wait_for(state="visible")  # shown by the script
    draw_with_mouse(phone, canvas)
    # Drawing replaces the other ways: the worker's choice is cleared.
    assert not phone.locator("input[name=given_how][value=signed_paper]").is_checked()
    phone.get_by_text("Signed.", exact=True).wait_for()
    _no_sideways_scroll(phone, "the consent page with its signature pad")
    phone.locator("#consent-form button[type=submit]").click()
    phone.wait_for_url(f"**/people/{case.person_id}/consents/")

    consent = Consent.objects.select_related("signed_copy").get()
    assert consent.given_how == AgreementWay.SIGNED_SCREEN
    assert len(consent.signature) > 500  # a drawn signature, not an empty canvas
    assert consent.signed_copy.kind == "signed_copy"
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Signed copy").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
