"""The agenda, planned visits and the private calendar feed."""

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case
from visits.models import Appointment, CalendarFeed, Contact

pytestmark = pytest.mark.django_db


def _plan(client, case, *, when, accompany_to=""):
    return client.post(
        reverse("visits:appointment_add", args=[case.pk]),
        {
            "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
            "minutes": "60",
            "kind": "accompaniment",
            "place": "community",
            "where": "123 Queen St W",
            "accompany_to": accompany_to,
            "staff": [case.primary_worker_id],
        },
    )


def test_a_planned_accompaniment_appears_on_the_workers_day_with_the_details(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    today = timezone.localdate()
    when = timezone.make_aware(datetime.combine(today, datetime.min.time())) + timedelta(hours=14)
    assert _plan(client, case, when=when, accompany_to="Family doctor").status_code == 302
    body = client.get(reverse("visits:agenda")).content.decode()
    assert "Imogen" in body and "Family doctor" in body and "123 Queen St W" in body


def test_recording_the_visit_from_the_agenda_marks_the_appointment_done(client, world):
    case = Case.objects.get(person=world.p_icm)
    appointment = Appointment.objects.create(
        case=case, starts_at=timezone.now(), created_by=world.alice
    )
    appointment.staff.add(world.alice)
    client.force_login(world.alice)
    url = reverse("cases:contact_add", args=[case.pk]) + f"?appointment={appointment.pk}"
    assert client.get(url).context["form"].initial["kind"] == "home_visit"
    client.post(
        url,
        {
            "on": timezone.localdate().isoformat(),
            "kind": "home_visit",
            "staff": [world.alice.pk],
            "minutes": "50",
            "place": "home",
            "face_to_face": "on",
        },
    )
    appointment.refresh_from_db()
    assert appointment.status == "done"
    assert appointment.contact == Contact.objects.get()


def test_the_calendar_feed_carries_initials_and_place_only(client, world):
    case = Case.objects.get(person=world.p_icm)
    appointment = Appointment.objects.create(
        case=case,
        starts_at=timezone.now(),
        accompany_to="Court",
        where="9 Secret Rd",
        created_by=world.alice,
    )
    appointment.staff.add(world.alice)
    client.force_login(world.alice)
    client.post(reverse("visits:calendar_feed"), {"action": "create"})
    token = CalendarFeed.objects.get(user=world.alice).token
    client.logout()
    body = client.get(f"/calendar/{token}.ics").content.decode()
    assert "BEGIN:VEVENT" in body and "I.I." in body
    for secret in ("Imogen", "Inreach", "Court", "Secret Rd"):
        assert secret not in body
    assert AuditEvent.objects.filter(action="export", user=world.alice).exists()


def test_a_revoked_calendar_link_stops_working(client, world):
    client.force_login(world.alice)
    client.post(reverse("visits:calendar_feed"), {"action": "create"})
    token = CalendarFeed.objects.get(user=world.alice).token
    client.post(reverse("visits:calendar_feed"), {"action": "revoke"})
    client.logout()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_api_records_a_contact_only_with_the_teams_staff(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    body = {
        "case": case.pk,
        "on": timezone.localdate().isoformat(),
        "kind": "home_visit",
        "minutes": 30,
        "place": "home",
        "face_to_face": True,
    }
    assert (
        client.post(
            "/api/v1/contacts/", body | {"staff": [world.oscar.pk]}, content_type="application/json"
        ).status_code
        == 400
    )
    created = client.post(
        "/api/v1/contacts/", body | {"staff": [world.alice.pk]}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["recorded_by"] == world.alice.pk


def test_the_api_refuses_a_contact_on_a_case_out_of_reach(client, world):
    case = Case.objects.get(person=world.p_south)
    client.force_login(world.alice)
    response = client.post(
        "/api/v1/contacts/",
        {
            "case": case.pk,
            "on": timezone.localdate().isoformat(),
            "kind": "phone",
            "minutes": 5,
            "place": "remote",
            "staff": [world.alice.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_the_daily_digest_lists_what_is_due_with_initials_only(world, mailoutbox):
    case = Case.objects.get(person=world.p_icm)
    case.opened_on = timezone.localdate() - timedelta(days=30)
    case.save()
    world.alice.email, world.alice.daily_digest = "alice@example.org", True
    world.alice.save()
    call_command("send_digests", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "I.I.:" in body and "days late" in body
    assert "Imogen" not in body and "Inreach" not in body


def test_no_digest_for_someone_who_did_not_ask(world, mailoutbox):
    world.alice.email = "alice@example.org"
    world.alice.save()
    call_command("send_digests", stdout=io.StringIO())
    assert mailoutbox == []


AGENDA_QUERIES = 8


def test_the_agenda_costs_the_same_for_5_and_100_appointments(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)

    def plan(n):
        for _ in range(n):
            appointment = Appointment.objects.create(
                case=case, starts_at=timezone.now(), created_by=world.alice
            )
            appointment.staff.add(world.alice)

    counts = []
    for n in (5, 95):
        plan(n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("visits:agenda_week")).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts == [AGENDA_QUERIES, AGENDA_QUERIES]


def test_a_planned_appointment_is_moved_or_cancelled_and_a_stale_change_refused(client, world):
    case = Case.objects.get(person=world.p_icm)
    appointment = Appointment.objects.create(
        case=case, starts_at=timezone.now(), created_by=world.alice
    )
    appointment.staff.add(world.alice)
    client.force_login(world.alice)
    url = reverse("visits:appointment_edit", args=[case.pk, appointment.pk])
    data = {
        "starts_at": "2026-12-01T10:00",
        "minutes": "60",
        "kind": "home_visit",
        "place": "home",
        "staff": [world.alice.pk],
        "status": "planned",
        "version": 0,
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data | {"status": "cancelled"})
    assert "Someone else changed" in stale.content.decode()
    client.post(url, data | {"status": "cancelled", "version": 1})
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    assert client.get(url).status_code == 404  # only planned ones can be changed
