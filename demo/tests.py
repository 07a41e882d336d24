"""The demo shows the range of Hearth, and loading it twice changes nothing."""

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from cases.caseload import worker_gauges
from cases.models import Case, CaseloadOverride, Stage
from housing.models import LivingSituation
from people.models import Person
from programs.models import Program

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "programs", "people", "cases", "housing", "visits"}
    }


def test_the_demo_loads_once_and_a_second_run_changes_nothing():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=out)
    assert _counts() == first

    assert Person.objects.count() == 80
    assert {p.model for p in Program.objects.all()} == {"ICM", "ACT"}
    stages = Counter(Case.objects.values_list("stage", flat=True))
    assert stages[Stage.OPENING] and stages[Stage.ACTIVE] and stages[Stage.CLOSED] == 1
    # Housing losses (one per program, and the fieldwork's eviction) with support continuing
    # and a rehousing search open (R7); one reopened case.
    losses = LivingSituation.objects.filter(is_housing_loss=True)
    assert losses.count() >= 4
    for loss in losses:
        case = Case.objects.get(person=loss.person)
        assert case.stage == Stage.ACTIVE
        assert case.housing_searches.filter(closed_on__isnull=True, reason="rehousing").exists()
    assert Case.objects.filter(stage_changes__from_stage=Stage.CLOSED).count() == 1
    # One worker above the ratio, with the override recorded.
    override = CaseloadOverride.objects.get()
    team = override.case.team
    assert worker_gauges([team])[override.worker.pk].state == "over"
    # Life histories in the program's language.
    assert Case.objects.filter(
        program__organisation__language="da", life_history__contains="jeg"
    ).exists()
    # Benchmarks: the models' defaults everywhere, and São Paulo's own target beside its own.
    from outcomes.models import Benchmark

    (own,) = Benchmark.objects.all()
    assert own.program.organisation.language == "pt-br" and own.target == Decimal("0.850")
    assert [b.code for b in Benchmark.objects.for_program(own.program)] == [
        "out_of_homelessness",
        "days_housed",
    ]
