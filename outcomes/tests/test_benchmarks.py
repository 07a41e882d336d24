"""Benchmarks: the country's own evidence for the program's model until a manager sets the
program's own (R25, R36). Reading the dashboard writes nothing; two managers never overwrite
each other. The test world's ICM program is Canadian."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from outcomes.models import Benchmark, MeasureCode

pytestmark = pytest.mark.django_db


def _edit_url(world, code=MeasureCode.DAYS_HOUSED):
    return reverse("outcomes:benchmark_edit", args=[world.icm_team.program_id, code])


def _list_url(world):
    return reverse("outcomes:benchmarks", args=[world.icm_team.program_id])


def _dashboard_benchmarks(client, world):
    response = client.get(reverse("outcomes:dashboard", args=[world.icm_team.program_id]))
    assert response.status_code == 200
    return response.context["data"]["benchmarks"]


def test_reading_the_dashboard_saves_nothing_and_shows_the_models_default(client, world):
    client.force_login(world.pam)
    (row,) = _dashboard_benchmarks(client, world)
    assert row["target"] == Decimal("0.63")
    assert row["label"] == "At Home/Chez Soi (ICM): at least 63% of days stably housed"
    assert not Benchmark.objects.exists()


def test_each_country_holds_its_icm_programs_to_its_own_evidence(world):
    """Issue 12 §9: a Canadian ICM program was held to the Danish target."""
    from hearth import testing as t
    from programs.models import Country, ServiceModel

    danish = t.make_program(
        organisation=world.south_team.program.organisation, model=ServiceModel.ICM
    )
    (benchmark,) = Benchmark.objects.for_program(danish)
    assert (benchmark.code, benchmark.target) == (MeasureCode.OUT_OF_HOMELESSNESS, Decimal("0.80"))
    brazilian = t.make_program(
        organisation=t.make_organisation(country=Country.BRAZIL, language="pt-br"),
        model=ServiceModel.ICM,
    )
    assert Benchmark.objects.for_program(brazilian) == []  # no national figure: its own target


def test_the_default_wording_follows_the_readers_language(world):
    (benchmark,) = Benchmark.objects.for_program(world.icm_team.program)
    with translation.override("fr"):
        assert benchmark.display_label != (
            "At Home/Chez Soi (ICM): at least 63% of days stably housed"
        )
        assert "63" in benchmark.display_label


def test_a_manager_sets_the_programs_own_target_and_the_dashboard_measures_against_it(
    client, world
):
    client.force_login(world.pam)
    response = client.post(
        _edit_url(world), {"target_percent": "85", "label": "Our aim", "version": "0"}
    )
    assert response.status_code == 302
    (row,) = _dashboard_benchmarks(client, world)
    assert (row["target"], row["label"]) == (Decimal("0.850"), "Our aim")
    saved = Benchmark.objects.get()
    assert saved.version == 1
    assert saved.history.count() == 1


def test_a_new_target_without_wording_is_named_by_its_measure_not_the_models_default(client, world):
    client.force_login(world.pam)
    client.post(_edit_url(world), {"target_percent": "85", "label": "", "version": "0"})
    (row,) = _dashboard_benchmarks(client, world)
    assert row["label"] == "Share of days housed"  # not "at least 63%"


def test_an_empty_target_takes_the_measure_off_the_dashboard(client, world):
    client.force_login(world.pam)
    client.post(_edit_url(world), {"target_percent": "", "label": "", "version": "0"})
    assert _dashboard_benchmarks(client, world) == []
    # and the program may be held to another measure instead
    client.post(
        _edit_url(world, MeasureCode.OUT_OF_HOMELESSNESS),
        {"target_percent": "90", "label": "", "version": "0"},
    )
    (row,) = _dashboard_benchmarks(client, world)
    assert row["benchmark"].code == MeasureCode.OUT_OF_HOMELESSNESS
    assert row["label"] == "Share out of homelessness at the end"


def test_the_form_shows_the_target_as_a_plain_percentage(client, world):
    client.force_login(world.pam)
    content = client.get(_edit_url(world)).content.decode()
    assert 'name="target_percent" value="63"' in content


def test_a_target_over_100_is_refused_with_a_message_and_nothing_is_saved(client, world):
    client.force_login(world.pam)
    with translation.override("fr"):
        response = client.post(
            _edit_url(world),
            {"target_percent": "120", "label": "", "version": "0"},
            headers={"accept-language": "fr"},
        )
    assert response.status_code == 200
    assert response.context["form"].errors["target_percent"]
    assert "100" in response.context["form"].errors["target_percent"][0]
    assert not Benchmark.objects.exists()


def test_two_managers_editing_the_same_default_never_overwrite_each_other(world):
    first, second = Client(), Client()
    first.force_login(world.pam)
    second.force_login(world.dora)
    # both opened the form on the default (version 0)
    assert first.get(_edit_url(world)).context["form"]["version"].value() == 0
    assert second.get(_edit_url(world)).context["form"]["version"].value() == 0
    first.post(_edit_url(world), {"target_percent": "70", "label": "", "version": "0"})
    response = second.post(_edit_url(world), {"target_percent": "90", "label": "", "version": "0"})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert Benchmark.objects.get().target == Decimal("0.700")


def test_a_case_manager_reads_the_targets_but_cannot_change_them(client, world):
    client.force_login(world.alice)
    response = client.get(_list_url(world))
    assert response.status_code == 200
    assert response.context["may_edit"] is False
    assert client.get(_edit_url(world)).status_code == 404
    assert (
        client.post(_edit_url(world), {"target_percent": "10", "version": "0"}).status_code == 404
    )
    assert not Benchmark.objects.exists()


def test_outsiders_and_other_programs_get_404(client, world):
    for user in (world.oscar, world.bob):
        client.force_login(user)
        assert client.get(_list_url(world)).status_code == 404
        assert client.get(_edit_url(world)).status_code == 404


def test_an_unknown_measure_is_404(client, world):
    client.force_login(world.pam)
    assert client.get(_edit_url(world, "nothing")).status_code == 404
