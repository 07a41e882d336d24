"""A case manager on a phone: the person acknowledges the information sheet on their rights by
signing with a finger on the worker's phone; the signed copy is kept as their document (issue
12 §8; R35), in Debian's Chromium driven by Playwright."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.demo import rights_sheet_pdf
from documents.models import Acknowledgement, DocumentKind
from documents.storing import open_document, store_upload
from hearth import testing as t
from hearth.signatures import AgreementWay
from hearth.testing import PHONE, draw_with_finger

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_person_acknowledges_a_document_with_a_finger_on_the_workers_phone(live_server, phone):
    team = t.make_team(name="Sé")
    worker = t.make_user(username="ana", password="uma senha bem forte")
    t.add_member(worker, team=team)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Toninho")
    sheet = store_upload(
        SimpleUploadedFile("rights.pdf", rights_sheet_pdf("pt-br")),
        person=case.person,
        case=case,
        kind=DocumentKind.RIGHTS_INFO,
        title="Seus direitos no programa",
        by=worker,
    )

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "ana")
    phone.fill("#id_password", "uma senha bem forte")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")
    phone.goto(f"{live_server.url}/people/{case.person_id}/documents/")
    phone.get_by_role("link", name="Acknowledge").click()
    phone.wait_for_url("**/acknowledge/")

    phone.check("input[name=statement][value=read]")
    canvas = phone.locator("[data-signature-pad] canvas")
    canvas.wait_for(state="visible")
    draw_with_finger(phone, canvas)
    phone.get_by_text("Signed.", exact=True).wait_for()
    # Undo takes the stroke back; the person signs again.
    phone.get_by_role("button", name="Undo the last stroke").click()
    phone.get_by_text("Not signed yet.", exact=True).wait_for()
    draw_with_finger(phone, canvas)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the acknowledgement page scrolls sideways on a phone"
    phone.locator("#acknowledgement-form button[type=submit]").click()
    phone.wait_for_url(f"**/people/{case.person_id}/documents/")

    acknowledgement = Acknowledgement.objects.select_related("signed_copy").get()
    assert acknowledgement.document == sheet and acknowledgement.statement == "read"
    assert acknowledgement.given_how == AgreementWay.SIGNED_SCREEN
    assert len(acknowledgement.signature) > 500  # drawn, not an empty canvas
    with open_document(acknowledgement.signed_copy) as handle:
        assert handle.read(5) == b"%PDF-"
    phone.get_by_role("link", name="Signed copy").wait_for()
