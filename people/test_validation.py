"""The rules of a person's record hold in both doors, the web form and the API (issue 12 §2):
plausible dates, limits on free text, national identifiers that are never issued, names
without invisible characters."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.identifiers import InvalidIdentifier, normalise
from people.matching import find_matches
from people.models import HouseholdMember, NationalIdentifier, Person

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Ana\u202eavliS" reads "Ana Silva" backwards on screen
LONG = "x" * 100_000


def _patch(client, person, **fields):
    url = reverse("person-detail", args=[person.pk])
    return client.patch(url, {"version": person.version, **fields}, content_type="application/json")


def _register(client, world, **fields):
    body = {
        "given_name": "Nova",
        "family_name": "Pessoa",
        "team": world.icm_team.pk,
        "target_group": "homeless",
        "intake_situation": 116,
        "confirm_over_standard": True,
        **fields,
    }
    return client.post(reverse("person-list"), body, content_type="application/json")


def _edit_form(client, person, **fields):
    url = reverse("people:edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"version": person.version, "gender": "", "preferred_language": ""})
    return client.post(url, data | fields)


# Dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("birth_date", ["1800-01-01", "1899-12-31"])
def test_the_api_refuses_a_birth_date_before_1900(client, world, birth_date):
    client.force_login(world.alice)
    response = _patch(client, world.p_icm, birth_date=birth_date)
    assert response.status_code == 400
    assert "before 1900" in response.json()["birth_date"][0]
    world.p_icm.refresh_from_db()
    assert world.p_icm.birth_date is None


def test_the_api_refuses_a_birth_date_in_the_future(client, world):
    client.force_login(world.alice)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _patch(client, world.p_icm, birth_date=tomorrow.isoformat())
    assert response.status_code == 400
    assert response.json()["birth_date"] == ["This date is in the future."]


def test_the_api_refuses_a_birth_date_of_1800_at_registration_too(client, world):
    client.force_login(world.alice)
    response = _register(client, world, birth_date="1800-01-01")
    assert response.status_code == 400
    assert "birth_date" in response.json()
    assert not Person.objects.filter(given_name="Nova").exists()


def test_the_web_form_refuses_the_same_birth_date_with_the_same_message(client, world):
    client.force_login(world.alice)
    response = _edit_form(client, world.p_icm, birth_date="1800-01-01")
    assert response.status_code == 200
    assert response.context["form"].errors["birth_date"] == [
        "Please check the year: this date is before 1900."
    ]


def test_a_household_member_cannot_be_born_next_year(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("people:household_add", args=[world.p_icm.pk]),
        {"relationship": "child", "name": "Mia", "birth_year": timezone.localdate().year + 1},
    )
    assert response.status_code == 200
    assert not HouseholdMember.objects.exists()


def test_a_reasonable_birth_date_is_saved_through_the_api(client, world):
    client.force_login(world.alice)
    response = _patch(client, world.p_icm, birth_date="1961-02-03")
    assert response.status_code == 200
    world.p_icm.refresh_from_db()
    assert world.p_icm.birth_date == date(1961, 2, 3)


# Free text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, limit",
    [("cultural_notes", 2_000), ("address", 500), ("safety_note", 2_000)],
)
def test_the_api_refuses_100000_characters_in_a_persons_text(client, world, field, limit):
    client.force_login(world.alice)
    response = _patch(client, world.p_icm, **{field: LONG})
    assert response.status_code == 400
    assert f"no more than {limit} characters" in response.json()[field][0]
    world.p_icm.refresh_from_db()
    assert getattr(world.p_icm, field) == ""


def test_the_api_takes_a_text_up_to_its_limit(client, world):
    client.force_login(world.alice)
    response = _patch(client, world.p_icm, cultural_notes="y" * 2_000)
    assert response.status_code == 200


def test_the_api_refuses_a_life_history_of_100000_characters_at_registration(client, world):
    client.force_login(world.alice)
    response = _register(client, world, life_history=LONG)
    assert response.status_code == 400
    assert "no more than 20000 characters" in response.json()["life_history"][0]
    assert not Person.objects.filter(given_name="Nova").exists()


@pytest.mark.parametrize("field", ["cultural_notes", "address", "safety_note"])
def test_the_web_form_refuses_100000_characters_and_keeps_what_was_typed(client, world, field):
    client.force_login(world.alice)
    response = _edit_form(client, world.p_icm, **{field: LONG})
    assert response.status_code == 200
    assert "Ensure this value has at most" in response.context["form"].errors[field][0]
    assert LONG in response.content.decode()  # nothing is lost: the person can shorten it
    world.p_icm.refresh_from_db()
    assert getattr(world.p_icm, field) == ""


# National identifiers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, number",
    [
        *[("br_cpf", f"{d * 3}.{d * 3}.{d * 3}-{d * 2}") for d in "123456789"],
        ("dk_cpr", "111111-1111"),
        ("us_ssn", "111-11-1111"),
        ("us_ssn", "555-55-5555"),
        ("us_ssn", "123-45-6789"),
    ],
)
def test_numbers_that_are_never_issued_are_refused(kind, number):
    with pytest.raises(InvalidIdentifier) as refused:
        normalise(kind, number)
    assert "No one is ever given this number" in refused.value.message


@pytest.mark.parametrize(
    "kind, number",
    [
        ("ca_sin", "000 000 000"),
        ("ca_sin", "046 454 286"),  # first digit 0: not issued to persons
        ("ca_sin", "846 454 286"),  # first digit 8: business numbers
        ("us_ssn", "078-05-1120"),
        ("us_ssn", "219-09-9999"),
        ("us_ssn", "666-12-3456"),
        ("us_ssn", "123-00-4567"),
        ("us_ssn", "123-45-0000"),
        ("br_cpf", "000.000.000-00"),
    ],
)
def test_python_stdnum_already_refuses_the_other_well_known_invalid_numbers(kind, number):
    with pytest.raises(InvalidIdentifier):
        normalise(kind, number)


def test_the_api_refuses_a_cpf_of_repeated_digits_and_registers_nobody(client, world):
    client.force_login(world.alice)
    response = _register(client, world, identifier_kind="br_cpf", identifier_value="111.111.111-11")
    assert response.status_code == 400
    assert "No one is ever given this number" in response.json()["identifier_value"][0]
    assert not Person.objects.filter(given_name="Nova").exists()


def test_the_web_form_refuses_a_cpf_of_repeated_digits(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("people:identifier_add", args=[world.p_icm.pk]),
        {"kind": "br_cpf", "value": "111.111.111-11"},
    )
    assert response.status_code == 200
    assert "No one is ever given this number" in response.content.decode()
    assert not NationalIdentifier.objects.exists()


def test_an_identifier_pasted_with_invisible_characters_is_stored_compact():
    assert normalise("ca_sin", "\u200b130 692\u202e 544\ufeff") == "130692544"


# Names ----------------------------------------------------------------------------------------


def test_a_name_with_a_right_to_left_override_is_stored_and_matched_without_it(client, world):
    client.force_login(world.alice)
    response = _register(client, world, given_name=f"Ana{RLO}", family_name=f"{RLO}Zwi\u200bcky")
    assert response.status_code == 201
    assert (response.json()["given_name"], response.json()["family_name"]) == ("Ana", "Zwicky")
    person = Person.objects.get(pk=response.json()["id"])
    assert (person.given_name, person.family_name) == ("Ana", "Zwicky")
    assert RLO not in person.search_name
    # Typed with or without the override, the likely matches find her.
    for given in ("Ana", f"A{RLO}na"):
        matches = find_matches(world.alice, given_name=given, family_name="Zwicky")
        assert [m.person for m in matches] == [person]


def test_the_web_form_stores_a_name_without_invisible_characters(client, world):
    client.force_login(world.alice)
    response = _edit_form(client, world.p_icm, preferred_name=f"\u2066Immy{RLO}\u2069")
    assert response.status_code == 302
    world.p_icm.refresh_from_db()
    assert world.p_icm.preferred_name == "Immy"


def test_a_name_made_only_of_invisible_characters_is_refused_in_both_doors(client, world):
    client.force_login(world.alice)
    assert _patch(client, world.p_icm, given_name=f"{RLO}\u200b").status_code == 400
    response = _edit_form(client, world.p_icm, given_name=f"{RLO}\u200b")
    assert response.status_code == 200
    assert "given_name" in response.context["form"].errors
    world.p_icm.refresh_from_db()
    assert world.p_icm.given_name == "Imogen"


def test_a_household_members_name_is_cleaned_too(world):
    member = HouseholdMember.objects.create(
        person=world.p_icm, relationship="child", name=f"Mia{RLO} Inreach"
    )
    member.refresh_from_db()
    assert member.name == "Mia Inreach"


def test_names_stored_before_the_cleaning_are_cleaned_by_the_migration(world):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    member = HouseholdMember.objects.create(person=world.p_icm, relationship="child", name="Mia")
    with connection.cursor() as cursor:  # as they were written before names were cleaned
        cursor.execute(
            "UPDATE people_person SET given_name = %s, search_name = %s WHERE id = %s",
            [f"Imo{RLO}gen", f"imo{RLO}gen inreach", world.p_icm.pk],
        )
        cursor.execute(
            "UPDATE people_householdmember SET name = %s WHERE id = %s", ["\u200bMia", member.pk]
        )
    stored = Person.objects.filter(pk=world.p_icm.pk).values_list("given_name", flat=True)
    assert RLO in stored.get()
    import_module("people.migrations.0007_clean_stored_names").clean_names(apps, None)
    world.p_icm.refresh_from_db()
    assert (world.p_icm.given_name, world.p_icm.search_name) == ("Imogen", "imogen inreach")
    assert HouseholdMember.objects.values_list("name", flat=True).get() == "Mia"
