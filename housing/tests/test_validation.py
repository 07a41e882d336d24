"""Housing's rules hold in both doors (issue 12 §2): a rent share within the rent, amounts
that are not negative, an event not resolved before it happened, addresses with a limit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in
from cases.models import Case
from housing.models import TenancyEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenancy(world):
    case = Case.objects.get(person=world.p_icm)
    move_in(case, by=world.alice, on=timezone.localdate() - timedelta(days=30), code=435)
    return world.p_icm.tenancies.get()


def _patch(client, tenancy, **fields):
    return client.patch(
        reverse("tenancy-detail", args=[tenancy.pk]),
        {"version": tenancy.version, **fields},
        content_type="application/json",
    )


def test_the_api_refuses_a_share_above_the_rent_as_the_form_does(client, world, tenancy):
    client.force_login(world.alice)
    response = _patch(client, tenancy, rent="900", person_share="1200")
    assert response.status_code == 400
    assert response.json()["person_share"] == ["The person's share is more than the rent."]
    tenancy.refresh_from_db()
    assert tenancy.person_share is None


@pytest.mark.parametrize(
    "amount, message",
    [
        ("-1", "The amount cannot be negative."),
        ("5000000", "Please check this amount: it is above 1,000,000."),
    ],
)
def test_the_api_refuses_an_implausible_rent(client, world, tenancy, amount, message):
    client.force_login(world.alice)
    response = _patch(client, tenancy, rent=amount)
    assert response.status_code == 400
    assert response.json()["rent"] == [message]


def test_the_api_refuses_an_address_of_100000_characters(client, world, tenancy):
    client.force_login(world.alice)
    response = _patch(client, tenancy, address="x" * 100_000)
    assert response.status_code == 400
    assert "no more than 500 characters" in response.json()["address"][0]


def test_the_api_refuses_an_event_resolved_before_it_happened(client, world, tenancy):
    client.force_login(world.alice)
    today = timezone.localdate()
    response = client.post(
        reverse("tenancy_event-list"),
        {
            "tenancy": tenancy.pk,
            "kind": "arrears",
            "on": today.isoformat(),
            "resolved_on": (today - timedelta(days=3)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["resolved_on"] == ["“Resolved on” cannot be before “Date”."]
    assert not TenancyEvent.objects.exists()


def test_the_web_form_refuses_it_with_the_same_message(client, world, tenancy):
    client.force_login(world.alice)
    today = timezone.localdate()
    response = client.post(
        reverse("housing:tenancy_event_add", args=[world.p_icm.pk]),
        {
            "kind": "arrears",
            "on": today.isoformat(),
            "resolved_on": (today - timedelta(days=3)).isoformat(),
        },
    )
    assert "“Resolved on” cannot be before “Date”." in response.content.decode()
    assert not TenancyEvent.objects.exists()


def test_a_tenancy_cannot_end_in_the_future(client, world, tenancy):
    client.force_login(world.alice)
    response = client.post(
        reverse("tenancy-end", args=[tenancy.pk]),
        {
            "version": tenancy.version,
            "on": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "reason": "chose_to_move",
            "next_situation": 116,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["on"] == ["This date is in the future."]
