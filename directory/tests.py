"""The directory: the local resource survey (R15), partners and agreements (R14, R24, R30)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case
from directory import survey
from directory.models import (
    CollaborationAgreement,
    PartnerContact,
    Resource,
    ResourceKind,
    ResourceUpdateSuggestion,
    SuggestionStatus,
)
from directory.testing import make_partner, make_resource

pytestmark = pytest.mark.django_db


def _north(world):
    return world.icm_team.program.organisation


def _south(world):
    return world.south_team.program.organisation


def _case(person) -> Case:
    return Case.objects.get(person=person)


# Search and filters --------------------------------------------------------------------------


def test_an_unaccented_search_finds_an_accented_resource_r15(client, world):
    make_resource(
        _north(world), name="Unidade Básica de Saúde Sé", kind=ResourceKind.PUBLIC_SERVICE
    )
    make_resource(_north(world), name="Food bank")
    client.force_login(world.alice)
    body = client.get(reverse("directory:resources"), {"q": "saude"}).content.decode()
    assert "Unidade Básica de Saúde Sé" in body
    assert "Food bank" not in body


def test_an_accented_search_finds_words_in_the_eligibility_r15(client, world):
    make_resource(_north(world), name="Clinic", eligibility="Pessoas em situação de rua")
    client.force_login(world.alice)
    body = client.get(reverse("directory:resources"), {"q": "SITUAÇÃO"}).content.decode()
    assert "Clinic" in body


def test_the_filters_narrow_by_kind_area_and_language_r15(client, world):
    org = _north(world)
    make_resource(org, name="Rent Act", kind=ResourceKind.LEGISLATION, area="Toronto")
    make_resource(
        org,
        name="East clinic",
        kind=ResourceKind.PUBLIC_SERVICE,
        area="Scarborough",
        languages="English, Tamil",
    )
    make_resource(
        org,
        name="West clinic",
        kind=ResourceKind.PUBLIC_SERVICE,
        area="Etobicoke",
        languages="English, Portuguese",
    )
    client.force_login(world.alice)
    url = reverse("directory:resources")
    body = client.get(url, {"kind": "public_service"}).content.decode()
    assert "East clinic" in body and "West clinic" in body and "Rent Act" not in body
    body = client.get(url, {"area": "Scarborough"}).content.decode()
    assert "East clinic" in body and "West clinic" not in body
    body = client.get(url, {"language": "Portuguese"}).content.decode()
    assert "West clinic" in body and "East clinic" not in body


def test_inactive_resources_are_left_out_unless_asked_for(client, world):
    make_resource(_north(world), name="Closed drop-in", active=False)
    client.force_login(world.alice)
    url = reverse("directory:resources")
    assert "Closed drop-in" not in client.get(url).content.decode()
    assert "Closed drop-in" in client.get(url, {"inactive": "on"}).content.decode()


def _search_queries(client, world, count: int) -> int:
    org = _north(world)
    Resource.objects.filter(organisation=org).delete()
    for n in range(count):
        make_resource(
            org,
            name=f"Saúde {n}",
            area=f"Area {n % 7}",
            languages="English, French",
            last_checked_on=date(2020, 1, 1) if n % 2 else timezone.localdate(),
        )
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("directory:resources"), {"q": "saude", "language": "French"})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_search_page_query_count_does_not_grow_with_the_resources(client, world):
    few = _search_queries(client, world, 5)
    many = _search_queries(client, world, 50)
    assert few == many
    # Session, user, the base page's three, filter choices, count, page, the editor link.
    assert many == 9


def test_the_partner_list_query_count_does_not_grow_with_the_partners(client, world):
    org = _north(world)
    counts = []
    for n in (3, 30):
        for i in range(n):
            partner = make_partner(org, name=f"Partner {n}-{i}")
            PartnerContact.objects.create(partner=partner, name="Ana")
            CollaborationAgreement.objects.create(
                partner=partner, title="Referrals", starts_on=date(2020, 1, 1)
            )
        client.force_login(world.alice)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("directory:partners")).status_code == 200
        counts.append(len(ctx.captured_queries))
    # Session, user, the base page's three, count, page, the editor link.
    assert counts[0] == counts[1] == 8


# Organisation scoping ------------------------------------------------------------------------


def test_another_organisations_staff_get_404_on_resources_and_partners(client, world):
    resource = make_resource(_north(world), name="North food bank")
    partner = make_partner(_north(world), name="North CHC")
    client.force_login(world.oscar)
    for url in [
        reverse("directory:resource", args=[resource.pk]),
        reverse("directory:resource_edit", args=[resource.pk]),
        reverse("directory:suggest_update", args=[resource.pk]),
        reverse("directory:partner", args=[partner.pk]),
        reverse("directory:partner_edit", args=[partner.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    body = client.get(reverse("directory:resources")).content.decode()
    assert "North food bank" not in body
    assert "North CHC" not in client.get(reverse("directory:partners")).content.decode()


def test_another_organisations_staff_get_empty_api_lists(client, world):
    resource = make_resource(_north(world))
    partner = make_partner(_north(world), resource=resource)
    PartnerContact.objects.create(partner=partner, name="Ana")
    CollaborationAgreement.objects.create(partner=partner, title="A", starts_on=date(2024, 1, 1))
    survey.suggest(
        organisation=_north(world),
        resource=resource,
        changes={"phone": "1"},
        note="",
        by=world.alice,
    )
    client.force_login(world.oscar)
    for basename in ["resource", "partner", "contact", "agreement", "suggestion"]:
        response = client.get(reverse(f"directory_{basename}-list"))
        assert response.json()["results"] == [], basename
    assert client.get(reverse("directory_resource-detail", args=[resource.pk])).status_code == 404
    client.force_login(world.alice)
    assert len(client.get(reverse("directory_resource-list")).json()["results"]) == 1


def test_a_case_worker_cannot_edit_the_directory_directly(client, world):
    resource = make_resource(_north(world))
    client.force_login(world.alice)
    assert client.get(reverse("directory:resource_edit", args=[resource.pk])).status_code == 403
    assert client.get(reverse("directory:resource_add")).status_code == 403
    assert client.get(reverse("directory:partner_add")).status_code == 403


# Suggestions ----------------------------------------------------------------------------------


def _suggest_phone(client, world, resource, phone="555-0199"):
    client.force_login(world.alice)
    data = {f: getattr(resource, f) for f in Resource.EDITABLE_FIELDS}
    data |= {"phone": phone, "note": "Called them today"}
    response = client.post(reverse("directory:suggest_update", args=[resource.pk]), data)
    assert response.status_code == 302, response.content.decode()
    return ResourceUpdateSuggestion.objects.get(resource=resource)


def test_a_workers_suggestion_changes_the_resource_only_when_a_data_administrator_accepts(
    client, world
):
    resource = make_resource(_north(world), phone="555-0100", last_checked_on=date(2020, 1, 1))
    suggestion = _suggest_phone(client, world, resource)
    assert suggestion.changes == {"phone": "555-0199"}
    resource.refresh_from_db()
    assert resource.phone == "555-0100"

    accept = reverse("directory:suggestion_accept", args=[suggestion.pk])
    assert client.post(accept).status_code == 403  # alice cannot accept her own suggestion
    client.force_login(world.tina)  # a team lead edits directly but does not review
    assert client.post(accept).status_code in (403, 404)
    resource.refresh_from_db()
    assert resource.phone == "555-0100"

    client.force_login(world.dora)
    client.post(accept)
    resource.refresh_from_db()
    suggestion.refresh_from_db()
    assert resource.phone == "555-0199"
    assert resource.last_checked_on == timezone.localdate()
    assert resource.last_checked_by == world.dora
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.decided_by == world.dora


def test_a_suggestion_is_refused_when_the_resource_changed_since(client, world):
    resource = make_resource(_north(world), phone="555-0100")
    suggestion = _suggest_phone(client, world, resource)
    survey.mark_checked(resource, by=world.dora, expected_version=resource.version)  # a change
    client.force_login(world.dora)
    client.post(reverse("directory:suggestion_accept", args=[suggestion.pk]))
    resource.refresh_from_db()
    suggestion.refresh_from_db()
    assert resource.phone == "555-0100"
    assert suggestion.status == SuggestionStatus.PENDING
    body = client.get(reverse("directory:suggestion", args=[suggestion.pk])).content.decode()
    assert "changed since this suggestion was made" in body


def test_rejecting_a_suggestion_needs_a_reason_and_leaves_the_resource_alone(client, world):
    resource = make_resource(_north(world), phone="555-0100")
    suggestion = _suggest_phone(client, world, resource)
    client.force_login(world.dora)
    url = reverse("directory:suggestion_reject", args=[suggestion.pk])
    assert client.post(url, {"reason": "  "}).status_code == 400
    client.post(url, {"reason": "Their number did not change; the 0199 line is the fax."})
    suggestion.refresh_from_db()
    resource.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert "fax" in suggestion.reason
    assert resource.phone == "555-0100"
    # The author reads the reason.
    client.force_login(world.alice)
    body = client.get(reverse("directory:suggestion", args=[suggestion.pk])).content.decode()
    assert "fax" in body


def test_an_accepted_new_resource_proposal_creates_the_resource(client, world):
    client.force_login(world.bob)
    response = client.post(
        reverse("directory:suggest_new"),
        {"kind": ResourceKind.VOLUNTARY_INITIATIVE, "name": "Sunday soup kitchen", "note": ""},
    )
    assert response.status_code == 302
    suggestion = ResourceUpdateSuggestion.objects.get()
    assert suggestion.is_new_resource
    assert not Resource.objects.exists()
    client.force_login(world.dora)
    client.post(reverse("directory:suggestion_accept", args=[suggestion.pk]))
    resource = Resource.objects.get()
    assert resource.name == "Sunday soup kitchen"
    assert resource.organisation == _north(world)


def test_a_suggestion_from_a_case_keeps_the_case_and_is_audited(client, world):
    resource = make_resource(_north(world), name="CRAS Sé", phone="555-0100")
    case = _case(world.p_icm)
    client.force_login(world.alice)
    data = {f: getattr(resource, f) for f in Resource.EDITABLE_FIELDS}
    url = reverse("directory:suggest_from_case", args=[case.pk])
    assert "CRAS Sé" in client.get(url).content.decode()  # first, pick the resource
    response = client.post(f"{url}?resource={resource.pk}", data | {"phone": "555-0123"})
    assert response.status_code == 302, response.content.decode()
    suggestion = ResourceUpdateSuggestion.objects.get()
    assert suggestion.case == case and suggestion.resource == resource
    assert AuditEvent.objects.filter(
        object_type="directory.ResourceUpdateSuggestion", person_id=world.p_icm.pk
    ).exists()


def test_a_suggestion_from_a_case_out_of_reach_is_404(client, world):
    client.force_login(world.bob)
    url = reverse("directory:suggest_from_case", args=[_case(world.p_icm).pk])
    assert client.get(url).status_code == 404


def test_only_the_author_and_data_administrators_see_a_suggestion(client, world):
    resource = make_resource(_north(world))
    suggestion = _suggest_phone(client, world, resource)
    url = reverse("directory:suggestion", args=[suggestion.pk])
    for user, status in [
        (world.alice, 200),
        (world.dora, 200),
        (world.bob, 404),
        (world.oscar, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


# Checking --------------------------------------------------------------------------------------


def test_a_resource_not_checked_for_twelve_months_needs_checking_r15(client, world):
    today = timezone.localdate()
    old = make_resource(
        _north(world), name="Old entry", last_checked_on=today - timedelta(days=366)
    )
    fresh = make_resource(
        _north(world), name="Fresh entry", last_checked_on=today - timedelta(days=300)
    )
    never = make_resource(_north(world), name="Never checked")
    assert old.needs_checking(today) and never.needs_checking(today)
    assert not fresh.needs_checking(today)
    assert set(Resource.objects.needing_check(today)) == {old, never}
    client.force_login(world.alice)
    body = client.get(reverse("directory:resources"), {"needs_checking": "on"}).content.decode()
    assert "Old entry" in body and "Never checked" in body and "Fresh entry" not in body
    assert (
        "Needs checking"
        in client.get(reverse("directory:resource", args=[old.pk])).content.decode()
    )


def test_a_data_administrator_marks_a_resource_as_checked_today(client, world):
    resource = make_resource(_north(world), last_checked_on=date(2020, 1, 1))
    client.force_login(world.dora)
    client.post(
        reverse("directory:resource_checked", args=[resource.pk]), {"version": resource.version}
    )
    resource.refresh_from_db()
    assert resource.last_checked_on == timezone.localdate()
    assert resource.last_checked_by == world.dora
    assert not resource.needs_checking()


def test_an_edit_based_on_an_old_version_is_refused(client, world):
    resource = make_resource(_north(world), name="Food bank")
    client.force_login(world.tina)
    data = {f: getattr(resource, f) for f in Resource.EDITABLE_FIELDS}
    data |= {"name": "Food bank East", "active": "on", "version": resource.version}
    resource.name = "Food bank West"
    resource.save()
    resource.version += 1
    Resource.objects.filter(pk=resource.pk).update(version=resource.version)
    response = client.post(reverse("directory:resource_edit", args=[resource.pk]), data)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    resource.refresh_from_db()
    assert resource.name == "Food bank West"


# Partners --------------------------------------------------------------------------------------


def test_a_team_lead_records_a_partner_with_a_contact_and_an_agreement_r24(client, world):
    client.force_login(world.tina)
    response = client.post(
        reverse("directory:partner_add"),
        {
            "organisation": _north(world).pk,
            "name": "CAPS AD Sé",
            "kind": "substance_use",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    partner = world.tina and _north(world).partners.get()
    client.post(
        reverse("directory:contact_add", args=[partner.pk]),
        {"name": "Ana Souza", "role": "Coordinator", "version": 0},
    )
    client.post(
        reverse("directory:agreement_add", args=[partner.pk]),
        {"title": "Shared care", "starts_on": "2024-01-01", "version": 0},
    )
    body = client.get(reverse("directory:partner", args=[partner.pk])).content.decode()
    assert "Ana Souza" in body and "Shared care" in body


def test_an_agreement_past_its_end_date_is_shown_as_expired_r30(client, world):
    partner = make_partner(_north(world))
    agreement = CollaborationAgreement.objects.create(
        partner=partner, title="Old pact", starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1)
    )
    assert agreement.is_expired()
    client.force_login(world.alice)
    body = client.get(reverse("directory:partner", args=[partner.pk])).content.decode()
    assert "Expired" in body
    assert CollaborationAgreement.objects.filter(pk=agreement.pk).exists()  # nothing automatic


def test_an_agreement_cannot_end_before_it_starts(client, world):
    partner = make_partner(_north(world))
    client.force_login(world.tina)
    response = client.post(
        reverse("directory:agreement_add", args=[partner.pk]),
        {"title": "X", "starts_on": "2024-05-01", "ends_on": "2024-01-01", "version": 0},
    )
    assert response.status_code == 200
    assert not CollaborationAgreement.objects.exists()


# API -------------------------------------------------------------------------------------------


def test_the_api_searches_resources_accent_insensitively(client, world):
    make_resource(_north(world), name="Centro de Saúde")
    client.force_login(world.alice)
    items = client.get(reverse("directory_resource-list"), {"q": "saude"}).json()["results"]
    assert [i["name"] for i in items] == ["Centro de Saúde"]


def test_only_a_data_administrator_accepts_a_suggestion_through_the_api(client, world):
    resource = make_resource(_north(world), phone="555-0100")
    client.force_login(world.alice)
    created = client.post(
        reverse("directory_suggestion-list"),
        {"resource": resource.pk, "changes": {"phone": "555-0111"}, "note": ""},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert client.post(reverse("directory_suggestion-accept", args=[pk])).status_code == 403
    client.force_login(world.dora)
    assert client.post(reverse("directory_suggestion-accept", args=[pk])).status_code == 200
    resource.refresh_from_db()
    assert resource.phone == "555-0111"


def test_a_stale_suggestion_is_refused_through_the_api_with_409(client, world):
    resource = make_resource(_north(world), phone="555-0100")
    suggestion = survey.suggest(
        organisation=_north(world),
        resource=resource,
        changes={"phone": "1"},
        note="",
        by=world.alice,
    )
    Resource.objects.filter(pk=resource.pk).update(version=5)
    client.force_login(world.dora)
    response = client.post(reverse("directory_suggestion-accept", args=[suggestion.pk]))
    assert response.status_code == 409


def test_a_case_worker_cannot_change_a_resource_through_the_api(client, world):
    resource = make_resource(_north(world))
    client.force_login(world.alice)
    response = client.patch(
        reverse("directory_resource-detail", args=[resource.pk]),
        {"name": "X", "version": 0},
        content_type="application/json",
    )
    assert response.status_code == 403


# Demo ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "da", "pt-br"])
def test_the_demo_directory_covers_the_six_kinds_once_per_organisation(world, language):
    from directory import demo
    from directory.models import Partner, ResourceKind
    from hearth import testing as t

    organisation = t.make_organisation(language=language)
    program = t.make_program(organisation=organisation)
    for _ in range(2):  # a second program of the same organisation adds nothing
        demo.load_program(
            program,
            language=language,
            today=timezone.localdate(),
            rnd=__import__("random").Random(1),
            by=world.dora,
        )
    resources = Resource.objects.filter(organisation=organisation)
    assert 12 <= resources.count() <= 20
    assert set(resources.values_list("kind", flat=True)) == set(ResourceKind.values)
    assert resources.needing_check().exists()
    assert 4 <= Partner.objects.filter(organisation=organisation).count() <= 6
    assert ResourceUpdateSuggestion.objects.filter(organisation=organisation).pending().count() == 2


def test_a_team_lead_adds_a_resource_checked_today_r15(client, world):
    client.force_login(world.tina)
    assert client.get(reverse("directory:resource_add")).status_code == 200
    response = client.post(
        reverse("directory:resource_add"),
        {
            "organisation": _north(world).pk,
            "kind": ResourceKind.BENEFIT,
            "name": "Ontario Works",
            "languages": "English, French",
        },
    )
    assert response.status_code == 302, response.content.decode()
    resource = Resource.objects.get()
    assert resource.organisation == _north(world)
    assert resource.last_checked_on == timezone.localdate()
    assert resource.last_checked_by == world.tina


def test_a_team_lead_cannot_add_a_resource_to_another_organisation(client, world):
    client.force_login(world.tina)
    client.post(
        reverse("directory:resource_add"),
        {"organisation": _south(world).pk, "kind": ResourceKind.BENEFIT, "name": "Kontanthjælp"},
    )
    assert not Resource.objects.exists()
