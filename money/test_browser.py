"""On a phone: a case manager asks the program for money for a bed, the team lead approves it
from the waiting list, and the worker records the payment with the receipt's PDF (R16, R32)."""

import pytest

from documents.testing import PDF_BYTES
from hearth import testing as t
from hearth.testing import PHONE
from money.models import AssistanceStatus, FinancialAssistance
from programs.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough password"


def sign_in(phone, live_server, username: str) -> None:
    phone.context.clear_cookies()
    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", username)
    phone.fill("#id_password", PASSWORD)
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_load_state()


def no_sideways_scroll(phone) -> None:
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{phone.url} scrolls sideways on a phone"


def test_assistance_is_requested_approved_and_paid_with_its_receipt_on_a_phone(
    live_server, phone, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    team = t.make_team(name="Parkdale")
    worker = t.make_user(username="maria", password=PASSWORD)
    lead = t.make_user(username="lena", password=PASSWORD)
    t.add_member(worker, team=team)
    t.add_member(lead, team=team, role=Role.TEAM_LEAD)
    case = t.make_case(team=team, by=worker, primary=worker, given_name="Dwayne")
    person = case.person

    sign_in(phone, live_server, "maria")
    phone.goto(f"{live_server.url}/people/{person.pk}/money/")
    no_sideways_scroll(phone)
    phone.get_by_role("button", name="Request financial assistance").click()
    phone.fill("#id_amount", "320")
    phone.select_option("#id_purpose", "furniture")
    phone.fill("#id_note", "Bed frame and mattress")
    phone.locator("form.money-form button[type=submit]").click()
    phone.wait_for_url(f"**/people/{person.pk}/money/")

    sign_in(phone, live_server, "lena")
    phone.goto(f"{live_server.url}/money/assistance/waiting/")
    no_sideways_scroll(phone)
    phone.get_by_role("link", name="Decide").click()
    phone.check("input[name=decision][value=approve]")
    phone.locator("form.money-form button[type=submit]").click()
    phone.wait_for_url("**/money/assistance/waiting/")

    sign_in(phone, live_server, "maria")
    phone.goto(f"{live_server.url}/people/{person.pk}/money/")
    phone.get_by_role("link", name="Record the payment").click()
    phone.set_input_files(
        "#id_receipt", {"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    phone.locator("form.money-form button[type=submit]").click()
    phone.wait_for_url(f"**/people/{person.pk}/money/")
    no_sideways_scroll(phone)

    assistance = FinancialAssistance.objects.get()
    assert assistance.status == AssistanceStatus.PAID
    assert assistance.decided_by == lead and assistance.receipt.kind == "receipt"
