"""People: national identifiers (R38), duplicate checks, who sees what (R35), concurrent edits."""

import random
from datetime import date

import pytest
from django.urls import reverse

from cases.lifecycle import move_in
from demo import identifiers as fake
from hearth import testing as t
from people.identifiers import InvalidIdentifier, normalise
from people.matching import find_matches
from people.models import NationalIdentifier, Person
from programs.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind, number, compact",
    [
        ("dk_cpr", "211062-5629", "2110625629"),
        ("ca_sin", "046 454 286", None),
        ("ca_sin", "130 692 544", "130692544"),
        ("br_cpf", "390.533.447-05", "39053344705"),
        ("us_ssn", "536-90-4399", "536904399"),
    ],
)
def test_valid_national_identifiers_are_stored_compact(kind, number, compact):
    if compact is None:
        with pytest.raises(InvalidIdentifier):
            normalise(kind, number)
    else:
        assert normalise(kind, number) == compact


@pytest.mark.parametrize(
    "kind, number, message",
    [
        ("ca_sin", "130 692 545", "check digit"),
        ("br_cpf", "390.533.447-06", "check digit"),
        ("dk_cpr", "321362-5629", "date"),
        ("us_ssn", "000-12-3456", "not valid"),
        ("br_cpf", "1234", "wrong number of digits"),
    ],
)
def test_invalid_identifiers_say_what_is_wrong(kind, number, message):
    with pytest.raises(InvalidIdentifier) as error:
        normalise(kind, number)
    assert message in error.value.message


def test_generated_demo_identifiers_are_valid():
    rnd = random.Random(7)
    for _ in range(50):
        normalise("br_cpf", fake.cpf(rnd))
        normalise("ca_sin", fake.sin(rnd))
        normalise("dk_cpr", fake.cpr(date(1975, 3, 9), rnd))


def test_a_similar_name_is_a_likely_match_despite_accents_and_order(world):
    matches = find_matches(world.alice, given_name="imogen", family_name="Inréach")
    assert [m.person for m in matches] == [world.p_icm]
    matches = find_matches(world.alice, given_name="Inreach", family_name="Imogen")
    assert [m.person for m in matches] == [world.p_icm]


def test_the_same_identifier_is_a_match_whatever_the_name(world):
    NationalIdentifier.objects.create(person=world.p_icm, kind="ca_sin", value="130692544")
    matches = find_matches(
        world.alice,
        given_name="Someone",
        family_name="Else",
        identifier_kind="ca_sin",
        identifier_value="130-692-544",
    )
    assert matches[0].person == world.p_icm
    assert "same national identifier" in matches[0].reasons


def test_the_same_date_of_birth_is_a_match(world):
    world.p_icm.birth_date = date(1970, 5, 1)
    world.p_icm.save()
    matches = find_matches(world.alice, given_name="X", birth_date=date(1970, 5, 1))
    assert [m.person for m in matches] == [world.p_icm]


def test_matches_never_include_people_outside_the_users_reach(world):
    assert find_matches(world.alice, given_name="Søren", family_name="Sydperson") == []
    assert find_matches(world.oscar, given_name="Søren", family_name="Sydperson")


def test_registration_waits_until_the_possible_matches_are_checked(client, world):
    client.force_login(world.alice)
    data = {
        "p-given_name": "Imogen",
        "p-family_name": "Inreach",
        "c-team": world.icm_team.pk,
        "c-opened_on": "2026-11-01",
        "c-target_group": "homeless",
        "c-intake_situation": "116",
        "t-TOTAL_FORMS": "0",
        "t-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("cases:open"), data)
    assert response.status_code == 200
    assert "Possible matches were found" in response.content.decode()
    assert Person.objects.filter(given_name="Imogen").count() == 1

    response = client.post(reverse("cases:open"), data | {"p-confirmed_new": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(given_name="Imogen").count() == 2


def test_a_bad_identifier_saves_nothing_and_says_why(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:open"),
        {
            "p-given_name": "Newperson",
            "p-family_name": "Unique",
            "p-identifier_kind": "ca_sin",
            "p-identifier_value": "130 692 545",
            "c-team": world.icm_team.pk,
            "c-opened_on": "2026-11-01",
            "c-target_group": "homeless",
            "c-intake_situation": "116",
            "t-TOTAL_FORMS": "0",
            "t-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "check digit is wrong" in response.content.decode()
    assert not Person.objects.filter(given_name="Newperson").exists()


def test_the_duplicate_check_answers_as_the_worker_types(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:matches"),
        {"p-given_name": "Imogen", "p-family_name": "Inreach"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "Possible matches" in body and "Inreach" in body
    assert "<html" not in body


@pytest.mark.parametrize("role", [Role.PSYCHIATRIST, Role.PEER_WORKER, Role.NURSE])
def test_clinical_and_peer_roles_do_not_see_national_identifiers(client, world, role):
    NationalIdentifier.objects.create(person=world.p_act, kind="ca_sin", value="130692544")
    staff = t.make_user()
    t.add_member(staff, role=role, team=world.act_team)
    client.force_login(staff)
    body = client.get(reverse("people:detail", args=[world.p_act.pk])).content.decode()
    assert "130-692-544" not in body
    api = client.get(reverse("person-detail", args=[world.p_act.pk])).json()
    assert api["identifiers"] == []


def test_a_case_manager_sees_the_identifier(client, world):
    NationalIdentifier.objects.create(person=world.p_icm, kind="ca_sin", value="130692544")
    client.force_login(world.alice)
    assert (
        "130-692-544"
        in client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    )


def test_two_people_editing_a_profile_the_second_is_told_and_nothing_is_overwritten(client, world):
    url = reverse("people:edit", args=[world.p_icm.pk])
    client.force_login(world.alice)
    form = client.get(url).context["form"]
    base = {k: v for k, v in form.initial.items() if v is not None and k != "birth_date"}
    base.update({"version": world.p_icm.version, "gender": "", "preferred_language": ""})

    first = client.post(url, base | {"phone": "416-555-0101"})
    assert first.status_code == 302
    second = client.post(url, base | {"phone": "416-555-0199"})
    assert second.status_code == 200
    assert "Someone else changed this record" in second.content.decode()
    world.p_icm.refresh_from_db()
    assert world.p_icm.phone == "416-555-0101"


def test_the_api_refuses_an_update_based_on_an_old_version(client, world):
    client.force_login(world.alice)
    url = reverse("person-detail", args=[world.p_icm.pk])
    version = client.get(url).json()["version"]
    assert (
        client.patch(
            url, {"phone": "1", "version": version}, content_type="application/json"
        ).status_code
        == 200
    )
    stale = client.patch(url, {"phone": "2", "version": version}, content_type="application/json")
    assert stale.status_code == 409
    world.p_icm.refresh_from_db()
    assert world.p_icm.phone == "1"


def test_a_household_member_can_be_a_person_in_hearth(client, world):
    other = t.make_case(team=world.icm_team, by=world.alice, given_name="Partner").person
    client.force_login(world.alice)
    response = client.post(
        reverse("people:household_add", args=[world.p_icm.pk]),
        {"relationship": "partner", "linked_person": other.pk, "lives_with_person": "on"},
    )
    assert response.status_code == 302
    assert world.p_icm.household.get().linked_person == other


def test_a_tenancy_event_is_recorded_on_the_current_tenancy_and_resolved_later(client, world):
    from cases.models import Case

    case = Case.objects.get(person=world.p_icm)
    move_in(case, by=world.alice, on=date.today(), code=435)
    client.force_login(world.alice)
    response = client.post(
        reverse("housing:tenancy_event_add", args=[world.p_icm.pk]),
        {"kind": "arrears", "on": date.today().isoformat(), "note": "One month behind"},
    )
    assert response.status_code == 302
    event = world.p_icm.tenancies.get().events.get()
    assert event.kind == "arrears"
    response = client.post(
        reverse("housing:tenancy_event_edit", args=[world.p_icm.pk, event.pk]),
        {
            "kind": "arrears",
            "on": date.today().isoformat(),
            "note": "Paid back",
            "resolved_on": date.today().isoformat(),
        },
    )
    event.refresh_from_db()
    assert event.resolved_on == date.today()


def test_without_a_tenancy_there_is_nothing_to_record_an_event_on(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("housing:tenancy_event_add", args=[world.p_icm.pk]),
        {"kind": "arrears", "on": date.today().isoformat()},
        follow=True,
    )
    assert "record a move-in first" in response.content.decode()


def _member(world, **fields):
    from people.models import HouseholdMember

    return HouseholdMember.objects.create(
        person=world.p_icm, relationship="child", name="Mia", **fields
    )


def _edit_member(client, world, member, **data):
    return client.post(
        reverse("people:household_edit", args=[world.p_icm.pk, member.pk]),
        {"relationship": "child", "name": "Mia", "version": member.version} | data,
    )


def test_a_household_member_is_corrected_then_removed_and_both_are_audited(client, world):
    from audit.models import AuditEvent
    from people.models import HouseholdMember

    member = _member(world)
    client.force_login(world.alice)
    page = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert reverse("people:household_edit", args=[world.p_icm.pk, member.pk]) in page
    response = _edit_member(client, world, member, birth_year="2015", lives_with_person="on")
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.birth_year, member.lives_with_person, member.version) == (2015, True, 1)
    url = reverse("people:household_edit", args=[world.p_icm.pk, member.pk])
    assert client.post(url, {"remove": "1", "version": "1"}).status_code == 302
    assert not HouseholdMember.objects.exists()
    assert HouseholdMember.history.filter(id=member.pk).count() == 3  # added, changed, removed
    actions = set(
        AuditEvent.objects.filter(object_type="people.HouseholdMember").values_list(
            "action", flat=True
        )
    )
    assert actions == {"change", "delete"}


def test_two_people_correcting_a_household_member_never_overwrite_each_other(client, world):
    member = _member(world)
    client.force_login(world.alice)
    _edit_member(client, world, member, note="First")  # version 0 → 1
    response = _edit_member(client, world, member, note="Second")  # still sends version 0
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    member.refresh_from_db()
    assert member.note == "First"
    # a stale removal removes nothing either
    url = reverse("people:household_edit", args=[world.p_icm.pk, member.pk])
    assert client.post(url, {"remove": "1", "version": "0"}).status_code == 200
    assert member.__class__.objects.filter(pk=member.pk).exists()


def test_a_household_member_of_a_person_out_of_reach_is_404(client, world):
    member = _member(world)
    client.force_login(world.oscar)
    url = reverse("people:household_edit", args=[world.p_icm.pk, member.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"remove": "1", "version": "0"}).status_code == 404
    # nor through another person's URL the worker may reach
    client.force_login(world.bob)
    other = reverse("people:household_edit", args=[world.p_act.pk, member.pk])
    assert client.get(other).status_code == 404


def test_an_identifier_is_corrected_and_checked_like_a_new_one(client, world):
    identifier = NationalIdentifier.objects.create(
        person=world.p_icm,
        kind="ca_sin",
        value="391417771",
        organisation=world.p_icm.organisation,
    )
    client.force_login(world.alice)
    url = reverse("people:identifier_edit", args=[world.p_icm.pk, identifier.pk])
    bad = client.post(url, {"kind": "ca_sin", "value": "130 692 545", "version": "0"})
    assert bad.status_code == 200 and "check digit" in bad.content.decode()
    # saving the same number again is not "already registered" to itself
    same = client.post(url, {"kind": "ca_sin", "value": "391 417 771", "version": "0"})
    assert same.status_code == 302
    fixed = client.post(url, {"kind": "ca_sin", "value": "130 692 544", "version": "1"})
    assert fixed.status_code == 302
    identifier.refresh_from_db()
    assert (identifier.value, identifier.version) == ("130692544", 2)
    assert client.post(url, {"remove": "1", "version": "2"}).status_code == 302
    assert not world.p_icm.identifiers.exists()


def test_only_roles_that_see_identifiers_may_correct_them(client, world):
    identifier = NationalIdentifier.objects.create(
        person=world.p_act, kind="ca_sin", value="130692544", organisation=world.p_act.organisation
    )
    client.force_login(world.bob)  # an ACT nurse: the person is in reach, the number is not
    url = reverse("people:identifier_edit", args=[world.p_act.pk, identifier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"remove": "1", "version": "0"}).status_code == 403
    assert world.p_act.identifiers.exists()


def test_saving_a_record_someone_just_removed_is_stale_and_brings_nothing_back(world):
    from hearth.concurrency import StaleEdit, save_versioned

    member = _member(world)
    member.__class__.objects.filter(pk=member.pk).delete()
    member.note = "Too late"
    with pytest.raises(StaleEdit):
        save_versioned(member, expected_version=0)
    assert not member.__class__.objects.exists()


def test_the_people_list_is_in_the_readers_alphabetical_order(client, world):
    for name in ["Bouchard", "Zola", "Bélanger"]:
        t.make_case(team=world.icm_team, by=world.alice, primary=world.alice, family_name=name)
    world.alice.language = "fr"
    world.alice.save(update_fields=["language"])
    client.force_login(world.alice)
    persons = client.get(reverse("people:list")).context["persons"]
    assert [p.family_name for p in persons] == ["Bélanger", "Bouchard", "Inreach", "Zola"]
