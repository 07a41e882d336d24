"""Visits' rules hold in both doors (issue 12 §2): a contact or a crisis is not in the future
nor before 1900, and its note has a limit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from visits.models import Contact, Crisis

pytestmark = pytest.mark.django_db


def _contact(client, world, **fields):
    body = {
        "case": Case.objects.get(person=world.p_icm).pk,
        "on": timezone.localdate().isoformat(),
        "kind": "home_visit",
        "minutes": 30,
        "place": "home",
        "staff": [world.alice.pk],
    }
    return client.post(reverse("contact-list"), body | fields, content_type="application/json")


@pytest.mark.parametrize(
    "on, message",
    [
        ("1899-06-01", "Please check the year: this date is before 1900."),
        (
            (timezone.localdate() + timedelta(days=1)).isoformat(),
            "This date is in the future.",
        ),
    ],
)
def test_the_api_refuses_an_implausible_contact_date(client, world, on, message):
    client.force_login(world.alice)
    response = _contact(client, world, on=on)
    assert response.status_code == 400
    assert response.json()["on"] == [message]
    assert not Contact.objects.exists()


def test_the_web_form_refuses_a_contact_before_1900_too(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:contact_add", args=[Case.objects.get(person=world.p_icm).pk]),
        {
            "on": "1899-06-01",
            "kind": "phone",
            "minutes": "10",
            "place": "remote",
            "staff": [world.alice.pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["on"] == [
        "Please check the year: this date is before 1900."
    ]


def test_the_api_refuses_a_contact_note_of_100000_characters(client, world):
    client.force_login(world.alice)
    response = _contact(client, world, note="x" * 100_000)
    assert response.status_code == 400
    assert "no more than 5000 characters" in response.json()["note"][0]
    assert not Contact.objects.exists()


def test_the_api_refuses_a_crisis_that_has_not_happened_yet(client, world):
    client.force_login(world.alice)
    later = timezone.now() + timedelta(hours=3)
    response = client.post(
        reverse("crisis-list"),
        {
            "case": Case.objects.get(person=world.p_icm).pk,
            "occurred_at": later.isoformat(),
            "what": "A neighbour called.",
            "severity": "low",
            "responders": [world.alice.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["occurred_at"] == ["This date is in the future."]
    assert not Crisis.objects.exists()


def test_an_appointment_years_ahead_is_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("appointment-list"),
        {
            "case": Case.objects.get(person=world.p_icm).pk,
            "starts_at": (timezone.now() + timedelta(days=5 * 365)).isoformat(),
            "minutes": 60,
            "kind": "home_visit",
            "place": "home",
            "staff": [world.alice.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["starts_at"] == ["Please check the date: it is more than 2 years ahead."]
