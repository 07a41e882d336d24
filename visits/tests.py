"""Contacts: the fields later fidelity measures read (R2, R3, R17)."""

import pytest
from django.urls import reverse

from cases.models import Case
from visits.models import Contact

pytestmark = pytest.mark.django_db


def test_a_worker_records_a_home_visit_with_the_staff_present(client, world):
    case = Case.objects.get(person=world.p_act)
    colleague = world.psychiatrist
    client.force_login(world.bob)
    response = client.post(
        reverse("cases:contact_add", args=[case.pk]),
        {
            "on": "2026-11-20",
            "kind": "home_visit",
            "staff": [world.bob.pk, colleague.pk],
            "minutes": "45",
            "place": "home",
            "face_to_face": "on",
            "note": "Organised the kitchen together.",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert set(contact.staff.all()) == {world.bob, colleague}
    assert (contact.minutes, contact.place, contact.face_to_face) == (45, "home", True)


def test_a_contact_needs_staff_and_sensible_minutes_and_saves_nothing_otherwise(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:contact_add", args=[case.pk]),
        {"on": "2026-11-20", "kind": "phone", "minutes": "0", "place": "remote"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "staff" in errors and "minutes" in errors
    assert not Contact.objects.exists()


def test_the_last_contact_shows_on_the_caseload(client, world):
    case = Case.objects.get(person=world.p_icm)
    contact = Contact.objects.create(
        case=case, kind="home_visit", minutes=30, place="home", recorded_by=world.alice
    )
    client.force_login(world.alice)
    cases = client.get(reverse("cases:my_caseload")).context["cases"]
    assert cases[0].last_contact_on == contact.on
