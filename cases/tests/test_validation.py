"""A case's rules hold in both doors (issue 12 §2): a life history with a limit, lifecycle
dates that are not in the future."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from people.models import Person

pytestmark = pytest.mark.django_db

LONG = "x" * 100_000


def test_the_web_form_refuses_a_life_history_of_100000_characters(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:open"),
        {
            "p-given_name": "Longa",
            "p-family_name": "Historia",
            "p-confirmed_new": "on",
            "c-team": world.icm_team.pk,
            "c-opened_on": timezone.localdate().isoformat(),
            "c-target_group": "homeless",
            "c-intake_situation": "116",
            "c-life_history": LONG,
            "t-TOTAL_FORMS": "0",
            "t-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    assert not Person.objects.filter(given_name="Longa").exists()


def test_the_api_refuses_a_life_history_of_100000_characters(client, world):
    person = Case.objects.get(person=world.p_icm).person
    client.force_login(world.alice)
    response = client.post(
        reverse("case-list"),
        {
            "person": person.pk,
            "team": world.icm_team_b.pk,
            "target_group": "homeless",
            "intake_situation": 116,
            "life_history": LONG,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "no more than 20000 characters" in response.json()["life_history"][0]


def test_the_case_details_form_refuses_it_too(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"version": case.version, "target_group": "homeless", "life_history": LONG},
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    case.refresh_from_db()
    assert case.life_history == ""


def test_the_api_refuses_a_move_in_that_has_not_happened_yet(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("case-move-in", args=[case.pk]),
        {
            "version": case.version,
            "on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "code": 435,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["on"] == ["This date is in the future."]
    case.refresh_from_db()
    assert case.moved_in_on is None


def test_the_terms_cannot_be_ticked_as_signed_on_the_screen_without_a_signature_pad(world):
    """Issue 12 §8: "signed on the screen" is a fact the pad records, not a choice in a list;
    the opening has no pad, so neither its form nor the case's details offer it."""
    from cases.forms import CaseDetailsForm, OpenCaseForm

    case = Case.objects.get(person=world.p_icm)
    for field in (
        OpenCaseForm(teams=[world.icm_team]).fields["terms_agreed_how"],
        CaseDetailsForm(instance=case).fields["terms_agreed_how"],
    ):
        assert "signed_screen" not in dict(field.choices)
    form = OpenCaseForm({"terms_agreed_how": "signed_screen"}, teams=[world.icm_team])
    assert "terms_agreed_how" in form.errors


def test_a_case_that_already_says_signed_on_the_screen_keeps_showing_it(world):
    from cases.forms import CaseDetailsForm

    case = Case.objects.get(person=world.p_icm)
    case.terms_agreed_how = "signed_screen"
    assert "signed_screen" in dict(
        CaseDetailsForm(instance=case).fields["terms_agreed_how"].choices
    )
