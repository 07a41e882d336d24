"""Money's rules hold in both doors (issue 12 §2): amounts above zero and below a ceiling,
an income period whose end is not before its start, application dates not in the future."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from money.models import IncomeSource

pytestmark = pytest.mark.django_db


def _api(client, **fields):
    body = {"kind": "wages", "amount": "1200", "frequency": "monthly", "status": "granted"}
    url = reverse("income_source-list")
    return client.post(url, body | fields, content_type="application/json")


def _form(client, world, **fields):
    body = {"kind": "wages", "amount": "1200", "frequency": "monthly", "status": "granted"}
    return client.post(reverse("money:income_add", args=[world.p_icm.pk]), body | fields)


def test_the_api_refuses_an_income_that_ends_before_it_starts(client, world):
    client.force_login(world.alice)
    response = _api(client, person=world.p_icm.pk, started_on="2025-05-01", ended_on="2025-04-01")
    assert response.status_code == 400
    assert response.json()["ended_on"] == ["“Paid until” cannot be before “Paid since”."]
    assert not IncomeSource.objects.exists()


def test_the_web_form_refuses_it_with_the_same_message(client, world):
    client.force_login(world.alice)
    response = _form(client, world, started_on="2025-05-01", ended_on="2025-04-01")
    assert "“Paid until” cannot be before “Paid since”." in response.content.decode()
    assert not IncomeSource.objects.exists()


def test_the_api_refuses_a_decision_before_the_application(client, world):
    client.force_login(world.alice)
    response = _api(client, person=world.p_icm.pk, applied_on="2025-05-01", decided_on="2025-04-01")
    assert response.status_code == 400
    assert "decided_on" in response.json()


def test_the_api_refuses_an_application_dated_tomorrow(client, world):
    client.force_login(world.alice)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _api(client, person=world.p_icm.pk, applied_on=tomorrow.isoformat())
    assert response.status_code == 400
    assert response.json()["applied_on"] == ["This date is in the future."]


def test_the_api_asks_for_the_decision_date_as_the_form_does(client, world):
    client.force_login(world.alice)
    response = _api(client, person=world.p_icm.pk, applied_on="2025-04-01")
    assert response.status_code == 400
    assert response.json()["decided_on"] == ["Give the date of the decision."]


@pytest.mark.parametrize(
    "amount, message",
    [
        ("0", "Give an amount above zero."),
        ("-5", "Give an amount above zero."),
        ("2500000", "Please check this amount: it is above 1,000,000."),
    ],
)
def test_an_implausible_amount_is_refused_in_both_doors(client, world, amount, message):
    client.force_login(world.alice)
    response = _api(client, person=world.p_icm.pk, amount=amount)
    assert response.status_code == 400
    assert response.json()["amount"] == [message]
    assert message in _form(client, world, amount=amount).content.decode()
    assert not IncomeSource.objects.exists()


def test_a_budget_line_cannot_be_negative_in_the_api(client, world):
    client.force_login(world.alice)
    body = {
        "person": world.p_icm.pk,
        "month": timezone.localdate().isoformat(),
        "lines": [{"category": "rent", "label": "Rent", "amount": "-400"}],
    }
    response = client.post(reverse("budget-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["lines"]["0"]["amount"] == ["The amount cannot be negative."]
