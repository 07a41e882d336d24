"""Every view, creation, change and export of a person's records is in the audit trail."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_opening_a_person_page_is_recorded(client, world):
    client.force_login(world.alice)
    client.get(reverse("people:detail", args=[world.p_icm.pk]))
    event = AuditEvent.objects.get(action="view", person_id=world.p_icm.pk)
    assert (event.user, event.channel, event.object_type) == (world.alice, "web", "people.Person")


def test_a_caseload_list_records_every_person_it_shows(client, world):
    client.force_login(world.tina)
    client.get(reverse("cases:team_caseload", args=[world.icm_team.pk]))
    assert AuditEvent.objects.for_person(world.p_icm.pk).filter(action="list").exists()
    assert not AuditEvent.objects.for_person(world.p_act.pk).exists()


def test_an_api_read_is_recorded_as_api(client, world):
    client.force_login(world.bob)
    client.get(reverse("person-detail", args=[world.p_act.pk]))
    client.get(reverse("person-list"))
    events = AuditEvent.objects.for_person(world.p_act.pk)
    assert {(e.action, e.channel) for e in events} == {("view", "api"), ("list", "api")}


def test_a_change_is_recorded_and_the_records_history_is_kept(client, world):
    client.force_login(world.alice)
    url = reverse("person-detail", args=[world.p_icm.pk])
    client.patch(
        url,
        {"phone": "416-555-0142", "version": world.p_icm.version},
        content_type="application/json",
    )
    assert AuditEvent.objects.filter(action="change", person_id=world.p_icm.pk).exists()
    history = world.p_icm.history.order_by("history_date")
    assert [h.phone for h in history] == ["", "416-555-0142"]
    assert history.last().history_user == world.alice


def test_a_refused_read_leaves_no_trace_of_the_person(client, world):
    client.force_login(world.oscar)
    assert client.get(reverse("people:detail", args=[world.p_icm.pk])).status_code == 404
    assert not AuditEvent.objects.for_person(world.p_icm.pk).exists()


def test_a_closure_is_recorded_with_its_action(client, world):
    from cases.models import Case

    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    client.post(
        reverse("cases:close", args=[case.pk]),
        {
            "version": case.version,
            "on": "2026-11-20",
            "reason": "ready_no_support",
            "feels_ready": "ready",
            "person_words": "I am ready.",
            "income": "stable",
            "social_support": "some",
            "substances": "managing",
        },
    )
    event = AuditEvent.objects.get(action="change", object_type="cases.Case")
    assert event.detail == {"action": "close"}
    assert event.person_id == world.p_icm.pk


def test_a_team_lead_sees_who_opened_a_persons_record(client, world):
    client.force_login(world.alice)
    client.get(reverse("people:detail", args=[world.p_icm.pk]))
    client.force_login(world.tina)
    response = client.get(reverse("people:access_log", args=[world.p_icm.pk]))
    assert response.status_code == 200
    who = {event.user for event in response.context["page"]}
    assert world.alice in who


def test_a_case_manager_does_not_see_the_access_log(client, world):
    client.force_login(world.alice)
    assert client.get(reverse("people:access_log", args=[world.p_icm.pk])).status_code == 403
