"""One msgid per meaning, with a context (issue 12 §7; R38): the same English word is
translated by what it means where it is used."""

import pytest
from django.urls import reverse
from django.utils import translation

from ecomap.models import Frequency as TieFrequency
from ecomap.models import Strength as TieStrength
from economics.models import CostKind
from economics.testing import make_before, make_unit_cost
from money.models import ExpenseCategory
from money.models import Frequency as IncomeFrequency
from people.models import Relationship
from programs.models import MeetingCadence
from referrals.forms import ReferralForm
from referrals.models import ReferralStatus
from visits.models import Severity

pytestmark = pytest.mark.django_db


def _in(language, label) -> str:
    with translation.override(language):
        return str(label)


def test_a_budgets_savings_are_put_aside_and_the_economics_pages_savings_are_costs_avoided(
    client, world
):
    assert _in("da", ExpenseCategory.SAVINGS.label) == "Opsparing"
    program = world.icm_team.program
    make_unit_cost(program, by=world.pam, amount=12_000)
    make_unit_cost(program, by=world.pam, kind=CostKind.SHELTER_NIGHT, amount=100)
    make_before(world.p_icm.cases.get(), by=world.alice, shelter_nights=365)
    world.pam.language = "da"
    world.pam.save(update_fields=["language"])
    client.force_login(world.pam)
    url = reverse("economics:program", args=[program.pk])
    body = client.get(url, {"reduce_shelter_night": "80"}).content
    assert "Besparelser" in body.decode()
    assert "Opsparing" not in body.decode()


def test_a_single_ties_weekly_contact_is_singular_in_portuguese():
    assert _in("pt-br", TieFrequency.WEEKLY.label) == "Semanal"
    assert _in("pt-br", TieFrequency.DAILY.label) == "Diário"  # um contato diário
    assert _in("pt-br", MeetingCadence.DAILY.label) == "Diária"  # uma reunião diária
    assert _in("pt-br", IncomeFrequency.BIWEEKLY.label) == "Quinzenal"


def test_moderate_agrees_with_a_tie_in_french_and_with_a_crisis_severity():
    assert _in("fr", TieStrength.MODERATE.label) == "Modéré"  # un lien modéré
    assert _in("fr", Severity.MODERATE.label) == "Modérée"  # une gravité modérée


def test_a_partner_organisation_is_not_a_spouse():
    assert _in("fr", Relationship.PARTNER.label) == "Conjoint(e)"
    with translation.override("fr"):
        label = ReferralForm.base_fields["partner"].label
        assert str(label) == "Partenaire"


def test_an_accepted_referral_is_masculine_in_portuguese():
    assert _in("pt-br", ReferralStatus.ACCEPTED.label) == "Aceito"  # encaminhamento aceito
