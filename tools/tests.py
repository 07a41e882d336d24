"""Instruments and assessments (R28), the vulnerability framework (R11) and sensitive answers
(R35)."""

import ast
import json
import random
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from cases.lifecycle import move_in
from cases.models import Case
from hearth import testing as t
from hearth.concurrency import StaleEdit, save_versioned
from housing.situations import Situation
from programs.roles import Role
from tools import builtin, catalogue
from tools import definition as spec
from tools.assessments import take_assessment
from tools.builtin import BUILTIN_INSTRUMENTS, COMPREHENSIVE_KEY, LIFE_AREAS_KEY
from tools.catalogue import BUILTIN_CATALOGUE
from tools.demo import load as load_demo
from tools.framework import changes_since, factors_for_matrix, last_review
from tools.models import (
    Assessment,
    Factor,
    FactorCatalogueEntry,
    FrameworkReview,
    Instrument,
    InstrumentVersion,
)
from tools.sections import person_section
from tools.testing import SIMPLE_DEFINITION, life_areas_scale, make_instrument
from visits.models import Contact

pytestmark = pytest.mark.django_db

PERSON_SECTION_QUERIES = 5  # sensitive rule (1 case), assessments, instruments, factors, audit
VULNERABILITY_PAGE_QUERIES = 12


@pytest.fixture
def case(world):
    return Case.objects.select_related("program", "person", "team").get(person=world.p_icm)


@pytest.fixture
def peer(world):
    user = t.make_user(username="petra", first_name="Petra", last_name="Peer")
    t.add_member(user, role=Role.PEER_WORKER, team=world.icm_team)
    return user


def _take(case, instrument, answers, *, days_ago=0, by=None, contact=None):
    return take_assessment(
        case=case,
        version=instrument.current,
        answers=answers,
        taken_on=timezone.localdate() - timedelta(days=days_ago),
        by=by or case.opened_by,
        contact=contact,
    )


def _item(**fields):
    return {"key": "a", "label": "A", "type": "scale", **fields}


def _definition(*items, scoring="sum", **domain):
    return {
        "domains": [{"key": "d", "title": "D", "scoring": scoring, "items": list(items), **domain}]
    }


# Definitions ---------------------------------------------------------------------------------


def test_the_built_in_instruments_are_valid_definitions():
    for _name, definition in BUILTIN_INSTRUMENTS.values():
        assert spec.validate(definition) == []


def test_the_built_in_instruments_are_installed_by_the_migration():
    life = Instrument.objects.get(program=None, key=LIFE_AREAS_KEY)
    comprehensive = Instrument.objects.get(program=None, key=COMPREHENSIVE_KEY)
    assert life.builtin and comprehensive.builtin
    assert life.current.number == 1
    assert [d["life_area"] for d in life.current.definition["domains"]] == [
        "housing",
        "mental_health",
        "physical_health",
        "finances",
        "daily_activities",
        "network",
        "substance_use",
        "education_employment",
    ]
    assert {i["type"] for i in spec.items_of(comprehensive.current.definition)} == {
        "choice",
        "scale",
        "number",
        "text",
        "yesno",
    }


def test_the_built_in_catalogue_has_risk_and_protection_factors_for_every_area():
    for area, kinds in BUILTIN_CATALOGUE.items():
        for kind in ("risk", "protection"):
            stored = FactorCatalogueEntry.objects.filter(program=None, area=area, kind=kind)
            assert stored.count() == len(kinds[kind]) >= 3


def _marked_for_translation(module) -> set[str]:
    """The string literals a module wraps in gettext_noop, as makemessages finds them."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext_noop"
    }


def test_every_built_in_word_is_marked_for_the_translation_catalogs():
    marked = _marked_for_translation(builtin)
    shown = []
    for name, definition in BUILTIN_INSTRUMENTS.values():
        shown.append(name)
        for domain in definition["domains"]:
            shown.append(domain["title"])
            for item in domain["items"]:
                shown += [item[k] for k in ("label", "help", "min_label", "max_label") if k in item]
                shown += [choice["label"] for choice in item.get("choices", [])]
    assert set(shown) <= marked, set(shown) - marked
    labels = {
        label for kinds in BUILTIN_CATALOGUE.values() for ls in kinds.values() for label in ls
    }
    assert labels <= _marked_for_translation(catalogue)


def test_a_definition_without_domains_is_refused():
    assert spec.validate({}) == ['The instrument needs a list of "domains".']
    assert spec.validate({"domains": []}) == ["The instrument needs at least one domain."]


@pytest.mark.parametrize(
    ("definition", "problem"),
    [
        (_definition(_item(key="Bad Key")), "the key must be lower-case"),
        (_definition(_item(), _item()), "is used twice"),
        (_definition(_item(type="slider")), "unknown type “slider”"),
        (_definition(_item(label="")), "needs a label"),
        (_definition(_item(min=5, max=1)), "min must be below its max"),
        (_definition(_item(min=0, max=20)), "at most 11 steps"),
        (_definition(_item(type="choice", choices=[{"label": "Only"}])), "at least two choices"),
        (
            _definition(_item(type="choice", choices=[{"label": "A", "score": 1}, {"label": "B"}])),
            "every choice a score, or none",
        ),
        (_definition(_item(type="text")), "is scored but has no scale item"),
        (_definition(_item(), scoring="median"), "scoring is “sum”, “mean” or “none”"),
        (_definition(_item(), life_area="wellbeing"), "unknown life area “wellbeing”"),
        (_definition(_item(type="number", min=10, max=1), scoring="none"), "min must not be"),
    ],
)
def test_a_faulty_definition_is_refused_with_a_clear_message(definition, problem):
    problems = spec.validate(definition)
    assert any(problem in p for p in problems), problems


def test_the_same_item_key_in_two_domains_is_refused():
    definition = {
        "domains": [
            {"key": "one", "title": "One", "items": [_item(key="same")]},
            {"key": "two", "title": "Two", "items": [_item(key="same")]},
        ]
    }
    assert any("“same” is used twice" in p for p in spec.validate(definition))


def test_a_domain_about_mental_health_or_substance_use_or_marked_is_sensitive():
    assert spec.is_sensitive({"life_area": "mental_health"})
    assert spec.is_sensitive({"life_area": "substance_use"})
    assert spec.is_sensitive({"life_area": "housing", "sensitive": True})
    assert not spec.is_sensitive({"life_area": "housing"})


# Scoring -------------------------------------------------------------------------------------


def test_a_sum_domain_adds_its_answered_items():
    definition = _definition(_item(key="a"), _item(key="b"), _item(key="c"))
    assert spec.scores(definition, {"a": 2, "b": 4}) == {"d": 6}


def test_a_mean_domain_averages_its_answered_items():
    definition = _definition(_item(key="a"), _item(key="b"), _item(key="c"), scoring="mean")
    assert spec.scores(definition, {"a": 1, "b": 2, "c": 2}) == {"d": 1.67}
    assert spec.scores(definition, {"a": 2, "b": 4}) == {"d": 3}


def test_a_reversed_scale_counts_backwards():
    definition = _definition(_item(key="a", reverse=True), _item(key="b", min=0, max=10))
    assert spec.scores(definition, {"a": 5, "b": 7}) == {"d": 1 + 7}
    assert spec.scores(definition, {"a": 2}) == {"d": 4}


def test_choices_count_with_their_scores_and_other_items_do_not_count():
    definition = _definition(
        _item(
            key="a",
            type="choice",
            choices=[{"label": "No", "score": 0}, {"label": "Yes", "score": 3}],
        ),
        _item(key="b", type="yesno"),
        _item(key="c", type="number"),
        _item(key="e"),
    )
    assert spec.scores(definition, {"a": "Yes", "b": "yes", "c": 12, "e": 2}) == {"d": 5}


def test_an_unanswered_domain_has_no_score_and_an_unscored_domain_none_at_all():
    definition = {
        "domains": [
            {"key": "scored", "title": "S", "scoring": "mean", "items": [_item(key="a")]},
            {
                "key": "free",
                "title": "F",
                "scoring": "none",
                "items": [_item(key="b", type="text")],
            },
        ]
    }
    assert spec.scores(definition, {"b": "words"}) == {"scored": None}


def test_an_assessment_computes_its_scores_from_its_version(case, world):
    instrument = make_instrument(program=case.program)
    assessment = _take(case, instrument, {"home_now": 4, "home_note": "Likes it", "mood_now": 2})
    assert assessment.scores == {"home": 4, "mood": 2}
    assert assessment.compute_scores() == assessment.scores


def test_answers_outside_the_definition_are_refused_and_nothing_is_saved(case):
    instrument = make_instrument(program=case.program)
    for answers in ({"home_now": 9}, {"nope": 1}, {"home_now": "3"}, {}):
        with pytest.raises(ValidationError):
            _take(case, instrument, answers)
    assert not Assessment.objects.exists()


# Versions and baseline ----------------------------------------------------------------------


def test_an_old_assessment_keeps_its_version_after_a_new_version(client, world, case):
    instrument = make_instrument(program=case.program)
    old = _take(case, instrument, {"home_now": 3, "mood_now": 3})
    changed = json.loads(json.dumps(SIMPLE_DEFINITION))
    changed["domains"][0]["items"][0]["label"] = "How is it going with the flat?"
    client.force_login(world.pam)
    response = client.post(
        reverse("tools:instrument_edit", args=[case.program_id, instrument.pk]),
        {"name": "Home and mood", "is_active": "on", "definition": json.dumps(changed)},
    )
    assert response.status_code == 302
    assert instrument.versions.count() == 2
    new = _take(case, Instrument.objects.get(pk=instrument.pk), {"home_now": 4})
    old.refresh_from_db()
    assert (old.instrument_version.number, new.instrument_version.number) == (1, 2)
    client.force_login(world.alice)
    page = client.get(reverse("tools:assessment", args=[old.pk])).content.decode()
    assert "How is the home?" in page and "with the flat" not in page


def test_saving_an_unchanged_definition_adds_no_version(client, world, case):
    instrument = make_instrument(program=case.program)
    client.force_login(world.pam)
    client.post(
        reverse("tools:instrument_edit", args=[case.program_id, instrument.pk]),
        {"name": "Renamed", "is_active": "on", "definition": json.dumps(SIMPLE_DEFINITION)},
    )
    instrument.refresh_from_db()
    assert instrument.name == "Renamed" and instrument.versions.count() == 1


def test_the_first_assessment_of_an_instrument_is_the_cases_baseline(case):
    scale = life_areas_scale()
    first = _take(case, scale, {"housing_now": 2}, days_ago=30)
    second = _take(case, scale, {"housing_now": 4})
    other = _take(case, make_instrument(program=case.program), {"home_now": 1})
    first.refresh_from_db()
    assert first.is_baseline and not second.is_baseline and other.is_baseline


def test_an_earlier_assessment_entered_later_becomes_the_baseline(case):
    scale = life_areas_scale()
    later = _take(case, scale, {"housing_now": 3}, days_ago=10)
    earlier = _take(case, scale, {"housing_now": 1}, days_ago=60)
    later.refresh_from_db()
    assert earlier.is_baseline and not later.is_baseline


# Taking an assessment on the web -------------------------------------------------------------


def test_a_case_manager_takes_an_assessment_during_a_visit(client, world, case):
    visit = Contact.objects.create(
        case=case, kind="home_visit", minutes=45, place="home", recorded_by=world.alice
    )
    scale = life_areas_scale()
    url = reverse("tools:assessment_new", args=[case.pk])
    client.force_login(world.alice)
    page = client.get(f"{url}?instrument={scale.pk}&contact={visit.pk}")
    assert page.status_code == 200 and 'type="radio"' in page.content.decode()
    response = client.post(
        f"{url}?instrument={scale.pk}&contact={visit.pk}",
        {
            "taken_on": visit.on.isoformat(),
            "contact": visit.pk,
            "answer__housing_now": "4",
            "answer__housing_note": "“My own key.”",
            "answer__substance_use_now": "2",
        },
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("tools:assessment", args=[assessment.pk])
    assert assessment.contact == visit and assessment.is_baseline
    assert assessment.answers == {
        "housing_now": 4,
        "housing_note": "“My own key.”",
        "substance_use_now": 2,
    }
    assert assessment.scores["housing"] == 4 and assessment.scores["finances"] is None
    assert AuditEvent.objects.filter(action="create", object_type="tools.Assessment").exists()


def test_an_empty_or_future_assessment_is_refused_with_a_message(client, world, case):
    scale = life_areas_scale()
    url = reverse("tools:assessment_new", args=[case.pk]) + f"?instrument={scale.pk}"
    client.force_login(world.alice)
    empty = client.post(url, {"taken_on": timezone.localdate().isoformat()})
    assert "Answer at least one question." in empty.content.decode()
    future = client.post(
        url,
        {
            "taken_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "answer__housing_now": "3",
        },
    )
    assert "This date is in the future." in future.content.decode()
    assert not Assessment.objects.exists()


def test_without_an_instrument_the_page_offers_the_programs_instruments(client, world, case):
    own = make_instrument(program=case.program)
    elsewhere = make_instrument(program=t.make_program(), key="elsewhere")
    client.force_login(world.alice)
    page = client.get(reverse("tools:assessment_new", args=[case.pk])).content.decode()
    assert "Life areas scale" in page and f"instrument={own.pk}" in page
    assert f"instrument={elsewhere.pk}" not in page
    response = client.get(
        reverse("tools:assessment_new", args=[case.pk]) + f"?instrument={elsewhere.pk}"
    )
    assert response.status_code == 404


def test_a_built_in_instrument_is_shown_in_the_readers_language(client, world, case):
    assessment = _take(case, life_areas_scale(), {"housing_now": 5})
    with translation.override("fr"):
        domains = assessment.domains(show_sensitive=True)
        assert domains[0]["title"] == translation.gettext("Housing") == "Logement"
    assert assessment.answers == {"housing_now": 5}


# Sensitive answers (R35) --------------------------------------------------------------------


@pytest.fixture
def sensitive_assessment(case):
    return _take(
        case,
        life_areas_scale(),
        {
            "housing_now": 4,
            "mental_health_now": 2,
            "mental_health_note": "Hears voices at night",
            "substance_use_now": 1,
        },
    )


def test_a_case_manager_sees_sensitive_answers_and_the_read_is_marked(
    client, world, sensitive_assessment
):
    client.force_login(world.alice)
    page = client.get(reverse("tools:assessment", args=[sensitive_assessment.pk]))
    assert "Hears voices at night" in page.content.decode()
    event = AuditEvent.objects.get(object_type="tools.Assessment", action="view")
    assert event.detail == {"sensitive": True}
    assert event.person_id == world.p_icm.pk and event.user == world.alice


@pytest.mark.parametrize("who", ["peer", "pam"])
def test_a_peer_worker_and_a_program_manager_do_not_see_sensitive_answers(
    client, world, peer, sensitive_assessment, who
):
    client.force_login({"peer": peer, "pam": world.pam}[who])
    page = client.get(reverse("tools:assessment", args=[sensitive_assessment.pk])).content
    page = page.decode()
    assert "Hears voices at night" not in page and "Substance use" not in page
    assert "Housing" in page and "shown only to the roles the program allows" in page
    event = AuditEvent.objects.get(object_type="tools.Assessment", action="view")
    assert event.detail == {}


def test_the_program_decides_which_roles_see_sensitive_answers(
    client, world, peer, case, sensitive_assessment
):
    case.program.sensitive_roles = [*case.program.sensitive_roles, Role.PEER_WORKER]
    case.program.save()
    client.force_login(peer)
    page = client.get(reverse("tools:assessment", args=[sensitive_assessment.pk]))
    assert "Hears voices at night" in page.content.decode()


def test_the_api_strips_sensitive_domains_for_roles_not_allowed(
    client, world, sensitive_assessment
):
    url = reverse("assessment-detail", args=[sensitive_assessment.pk])
    client.force_login(world.pam)
    data = client.get(url).json()
    assert set(data["answers"]) == {"housing_now"}
    assert "mental_health" not in data["scores"] and "housing" in data["scores"]
    assert set(data["hidden_domains"]) == {"mental_health", "substance_use"}
    listed = client.get(reverse("assessment-list")).json()["results"][0]
    assert "mental_health_note" not in listed["answers"]
    client.force_login(world.alice)
    data = client.get(url).json()
    assert data["answers"]["mental_health_note"] == "Hears voices at night"
    assert data["hidden_domains"] == []
    assert AuditEvent.objects.filter(
        channel="api", object_type="tools.Assessment", user=world.alice, detail={"sensitive": True}
    ).exists()


def test_the_assessment_form_leaves_sensitive_questions_to_the_roles_allowed(client, peer, case):
    url = reverse("tools:assessment_new", args=[case.pk]) + f"?instrument={life_areas_scale().pk}"
    client.force_login(peer)
    page = client.get(url).content.decode()
    assert "answer__housing_now" in page and "answer__mental_health_now" not in page


def test_the_person_section_leaves_out_sensitive_domains_for_roles_not_allowed(
    world, peer, case, sensitive_assessment
):
    _take(case, life_areas_scale(), {"housing_now": 5, "mental_health_now": 4})

    def columns(user):
        section = _section(user, case)
        return [c.key for c in section["histories"][0].columns]

    assert "mental_health" in columns(world.alice)
    assert "mental_health" not in columns(peer) and "housing" in columns(peer)
    event = AuditEvent.objects.filter(object_type="tools.Assessment").latest("id")
    assert event.detail["sensitive"] is False
    assert len(event.detail["assessments"]) == 2


# The person section -------------------------------------------------------------------------


def _section(user, case):
    request = RequestFactory().get("/people/")
    request.user = user
    return person_section(request, case.person, [case])


def test_the_person_section_charts_each_domain_over_time_with_the_same_numbers_in_a_table(
    world, case
):
    scale = life_areas_scale()
    for days_ago, value in ((90, 2), (45, 3), (0, 5)):
        _take(case, scale, {"housing_now": value}, days_ago=days_ago)
    section = _section(world.alice, case)
    history = section["histories"][0]
    housing = history.columns[0]
    assert housing.title == "Housing" and housing.latest == 5
    assert [p.value for p in housing.chart.points] == [2, 3, 5]
    assert [p.baseline for p in housing.chart.points] == [True, False, False]
    assert [row.cells[0] for row in history.rows] == [2, 3, 5]
    assert housing.chart.points[0].y > housing.chart.points[2].y  # higher is better, drawn up
    html = _render_section(section)
    assert 'role="img"' in html and "aria-label=" in html and "<table>" in html
    assert "baseline" in html and "Housing: 3 scores between 1 and 5" in html


def _render_section(section) -> str:
    from django.template.loader import render_to_string

    return render_to_string("tools/_person_section.html", section)


def test_the_person_section_offers_the_instruments_for_a_new_assessment(world, case):
    make_instrument(program=case.program, key="own")
    section = _section(world.alice, case)
    [(offered_case, instruments)] = section["take"]
    assert offered_case == case
    assert {i.key for i in instruments} == {LIFE_AREAS_KEY, COMPREHENSIVE_KEY, "own"}
    assert section["histories"] == []


def test_the_person_section_costs_the_same_for_few_and_many_assessments(world, case):
    scale, own = life_areas_scale(), make_instrument(program=case.program)
    Factor.objects.create(
        case=case, area="housing", kind="risk", text="Arrears", recorded_by=world.alice
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _render_section(_section(world.alice, case))
        return len(ctx.captured_queries)

    _take(case, scale, {"housing_now": 2}, days_ago=100)
    _take(case, own, {"home_now": 2}, days_ago=100)
    few = count()
    for n in range(20):
        _take(case, scale, {"housing_now": 1 + n % 5, "network_now": 3}, days_ago=99 - n)
        _take(case, own, {"home_now": 1 + n % 5}, days_ago=99 - n)
    assert few == count() == PERSON_SECTION_QUERIES


# The vulnerability framework (R11) ----------------------------------------------------------


def _factor(case, user, **fields):
    values = {"area": "housing", "kind": "risk", "text": "Rent arrears", "recorded_by": user}
    return Factor.objects.create(case=case, **(values | fields))


def test_the_matrix_shows_each_factor_in_its_area_and_kind(client, world, case):
    entry = FactorCatalogueEntry.objects.get(
        program=None, area="housing", kind="protection", label="Likes the home and wants to keep it"
    )
    _factor(case, world.alice, evidence="Two months behind")
    _factor(case, world.alice, kind="protection", text="", catalogue_entry=entry, strength=3)
    _factor(
        case,
        world.alice,
        area="daily_activities",
        text="Long empty days",
        ended_on=timezone.localdate(),
        noted_on=timezone.localdate() - timedelta(days=40),
    )
    client.force_login(world.alice)
    response = client.get(reverse("tools:vulnerability", args=[case.pk]))
    rows = {row.area.value: row for row in response.context["rows"]}
    assert [f.label for f in rows["housing"].risk.current] == ["Rent arrears"]
    assert [f.label for f in rows["housing"].protection.current] == [
        "Likes the home and wants to keep it"
    ]
    assert rows["daily_activities"].risk.current == []
    assert [f.label for f in rows["daily_activities"].risk.ended] == ["Long empty days"]
    page = response.content.decode()
    assert "Two months behind" in page and "Strong" in page


def test_the_matrix_hides_sensitive_areas_from_roles_not_allowed(client, world, peer, case):
    _factor(case, world.alice, area="substance_use", text="Drinks daily")
    _factor(case, world.alice, area="housing", text="Rent arrears")
    url = reverse("tools:vulnerability", args=[case.pk])
    client.force_login(peer)
    page = client.get(url).content.decode()
    assert "Rent arrears" in page and "Drinks daily" not in page
    assert not AuditEvent.objects.filter(object_type="tools.Factor").exists()
    client.force_login(world.alice)
    assert "Drinks daily" in client.get(url).content.decode()
    assert AuditEvent.objects.get(object_type="tools.Factor").detail == {"sensitive": True}


def test_a_peer_worker_cannot_open_a_sensitive_factor(client, world, peer, case):
    factor = _factor(case, world.alice, area="mental_health", text="Past trauma")
    client.force_login(peer)
    response = client.get(reverse("tools:factor_edit", args=[case.pk, factor.pk]))
    assert response.status_code == 403


def test_a_factor_is_added_from_the_catalogue_of_its_area_and_kind(client, world, case):
    entry = FactorCatalogueEntry.objects.get(
        program=None, area="finances", kind="risk", label="Debts or fines"
    )
    client.force_login(world.alice)
    url = reverse("tools:factor_add", args=[case.pk])
    form = client.get(url + "?area=finances&kind=risk").content.decode()
    assert "Debts or fines" in form and "Rent arrears or unpaid bills" not in form
    response = client.post(
        url,
        {
            "area": "finances",
            "kind": "risk",
            "catalogue_entry": entry.pk,
            "strength": 2,
            "evidence": "Phone debt with a collection agency",
            "noted_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    factor = Factor.objects.get()
    assert factor.label == "Debts or fines" and factor.recorded_by == world.alice


def test_a_factor_needs_a_catalogue_entry_of_its_area_or_our_own_words(client, world, case):
    entry = FactorCatalogueEntry.objects.get(
        program=None, area="finances", kind="risk", label="Debts or fines"
    )
    client.force_login(world.alice)
    url = reverse("tools:factor_add", args=[case.pk])
    base = {"kind": "risk", "strength": 2, "noted_on": timezone.localdate().isoformat()}
    wrong = client.post(url, base | {"area": "housing", "catalogue_entry": entry.pk})
    assert wrong.status_code == 200 and "Select a valid choice" in wrong.content.decode()
    nothing = client.post(url, base | {"area": "housing"})
    assert "Choose a factor from the catalogue or describe it." in nothing.content.decode()
    factor = Factor(case=case, area="housing", kind="risk", catalogue_entry=entry)
    with pytest.raises(ValidationError, match="another life area"):
        factor.clean()
    assert not Factor.objects.exists()


def test_editing_a_factor_is_version_checked(client, world, case):
    factor = _factor(case, world.alice)
    url = reverse("tools:factor_edit", args=[case.pk, factor.pk])
    client.force_login(world.alice)
    data = {
        "text": "Rent arrears",
        "strength": 3,
        "noted_on": factor.noted_on.isoformat(),
        "version": factor.version,
    }
    factor.strength = 1
    save_versioned(factor, expected_version=factor.version)  # a colleague saved meanwhile
    response = client.post(url, data)
    assert "Someone else changed this record" in response.content.decode()
    factor.refresh_from_db()
    assert factor.strength == 1
    with pytest.raises(StaleEdit):
        save_versioned(factor, expected_version=0)


def test_a_factor_ends_on_no_longer_applies_from(client, world, case):
    factor = _factor(case, world.alice, noted_on=timezone.localdate() - timedelta(days=30))
    client.force_login(world.alice)
    response = client.post(
        reverse("tools:factor_edit", args=[case.pk, factor.pk]),
        {
            "text": "Rent arrears",
            "strength": 2,
            "noted_on": factor.noted_on.isoformat(),
            "ended_on": timezone.localdate().isoformat(),
            "version": factor.version,
        },
    )
    assert response.status_code == 302
    assert not Factor.objects.current().exists()


def test_what_changed_since_the_last_review(world, case):
    past = timezone.now() - timedelta(days=30)
    arrears = _factor(case, world.alice, strength=3)
    garden = _factor(case, world.alice, area="daily_activities", text="Long empty days")
    steady = _factor(case, world.alice, area="network", kind="protection", text="A sister")
    for factor in (arrears, garden, steady):
        factor.history.update(history_date=past)
    FrameworkReview.objects.create(
        case=case, reviewed_by=world.alice, recorded_at=past + timedelta(days=1)
    )
    new = _factor(case, world.alice, area="finances", kind="protection", text="Budget kept")
    arrears.strength = 1
    arrears.save()
    garden.ended_on = timezone.localdate()
    garden.save()
    changes = changes_since(case, last_review(case), factors_for_matrix(case), show_sensitive=True)
    assert changes.added == [new]
    assert changes.ended == [garden]
    assert [(c.factor, c.before, c.after) for c in changes.strength] == [(arrears, 3, 1)]
    assert changes.strength[0].after_label == "Slight"


def test_nothing_changed_is_said_and_before_any_review_there_is_nothing_to_compare(
    client, world, case
):
    _factor(case, world.alice)
    assert not changes_since(case, None, factors_for_matrix(case), show_sensitive=True).any
    client.force_login(world.alice)
    client.post(
        reverse("tools:review_add", args=[case.pk]),
        {"reviewed_on": timezone.localdate().isoformat(), "note": "Looked at it together."},
    )
    review = FrameworkReview.objects.get()
    assert review.reviewed_by == world.alice
    page = client.get(reverse("tools:vulnerability", args=[case.pk])).content.decode()
    assert "Nothing has changed since then." in page


def test_what_changed_leaves_out_sensitive_areas_for_roles_not_allowed(world, case):
    FrameworkReview.objects.create(
        case=case, reviewed_by=world.alice, recorded_at=timezone.now() - timedelta(days=1)
    )
    _factor(case, world.alice, area="substance_use", text="Drinks daily")
    factors = factors_for_matrix(case)
    assert changes_since(case, last_review(case), factors, show_sensitive=True).added
    assert not changes_since(case, last_review(case), factors, show_sensitive=False).added


def test_the_vulnerability_page_costs_the_same_for_few_and_many_factors(client, world, case):
    FrameworkReview.objects.create(
        case=case, reviewed_by=world.alice, recorded_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(world.alice)
    url = reverse("tools:vulnerability", args=[case.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    entry = FactorCatalogueEntry.objects.filter(program=None, area="housing", kind="risk").first()
    _factor(case, world.alice, catalogue_entry=entry, text="")
    _factor(case, world.alice, area="substance_use")  # its read is audited as sensitive
    few = count()
    for n in range(30):
        factor = _factor(case, world.alice, area=["housing", "network", "substance_use"][n % 3])
        factor.strength = 1 + n % 3
        factor.save()
        _factor(case, world.alice, catalogue_entry=entry, text="", kind="risk")
    assert few == count() == VULNERABILITY_PAGE_QUERIES


# Managing instruments -----------------------------------------------------------------------


def test_a_program_manager_adds_an_instrument_with_the_json_editor(client, world, case):
    client.force_login(world.pam)
    url = reverse("tools:instrument_create", args=[case.program_id])
    response = client.post(
        url,
        {
            "name": "Home Star (licensed)",
            "key": "home_star",
            "is_active": "on",
            "definition": json.dumps(SIMPLE_DEFINITION),
        },
    )
    assert response.status_code == 302
    instrument = Instrument.objects.get(key="home_star")
    assert instrument.program == case.program and not instrument.builtin
    assert instrument.current.number == 1 and instrument.current.created_by == world.pam
    listing = client.get(reverse("tools:instruments", args=[case.program_id])).content.decode()
    assert "Home Star (licensed)" in listing and "Life areas scale" in listing


def test_a_faulty_instrument_is_refused_with_the_problem_beside_the_field(client, world, case):
    client.force_login(world.pam)
    url = reverse("tools:instrument_create", args=[case.program_id])
    data = {"name": "X", "key": "x", "is_active": "on"}
    broken = client.post(url, data | {"definition": '{"domains": ['})
    assert "This is not valid JSON (line 1" in broken.content.decode()
    invalid = client.post(url, data | {"definition": '{"domains": []}'})
    assert "The instrument needs at least one domain." in invalid.content.decode()
    assert not Instrument.objects.filter(key="x").exists()


def test_a_new_instrument_can_start_from_a_built_in_one(client, world, case):
    client.force_login(world.pam)
    url = reverse("tools:instrument_create", args=[case.program_id])
    form = client.get(f"{url}?copy={life_areas_scale().pk}").content.decode()
    assert "How is it going with your home?" in form


def test_only_managers_of_the_program_open_the_instrument_editor(client, world, case):
    url = reverse("tools:instruments", args=[case.program_id])
    client.force_login(world.alice)
    assert client.get(url).status_code == 403
    client.force_login(world.oscar)
    assert client.get(url).status_code == 403
    client.force_login(world.dora)
    assert client.get(url).status_code == 200
    builtin = life_areas_scale()
    client.force_login(world.pam)
    edit = reverse("tools:instrument_edit", args=[case.program_id, builtin.pk])
    assert client.get(edit).status_code == 404


# API ----------------------------------------------------------------------------------------


def test_the_api_lists_built_in_instruments_and_the_programs_own(client, world, case):
    own = make_instrument(program=case.program)
    other = make_instrument(program=t.make_program(), key="other")
    client.force_login(world.alice)
    ids = {i["id"] for i in client.get(reverse("instrument-list")).json()["results"]}
    assert own.pk in ids and life_areas_scale().pk in ids and other.pk not in ids


def test_the_api_takes_an_assessment_with_the_current_version(client, world, case):
    client.force_login(world.alice)
    scale = life_areas_scale()
    response = client.post(
        reverse("assessment-list"),
        {"case": case.pk, "instrument": scale.pk, "answers": {"housing_now": 4}},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["scores"]["housing"] == 4 and data["is_baseline"] and data["version"] == 1
    bad = client.post(
        reverse("assessment-list"),
        {"case": case.pk, "instrument": scale.pk, "answers": {"housing_now": 7}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "from 1 to 5" in json.dumps(bad.json(), ensure_ascii=False)
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("answers", ["4", 4, [4], None])
def test_the_api_refuses_answers_that_are_not_an_object_of_items(client, world, case, answers):
    client.force_login(world.alice)
    response = client.post(
        reverse("assessment-list"),
        {"case": case.pk, "instrument": life_areas_scale().pk, "answers": answers},
        content_type="application/json",
    )
    assert response.status_code == 400 and "answers" in response.json()
    assert not Assessment.objects.exists()


def test_the_api_refuses_an_assessment_for_a_case_out_of_reach(client, world):
    client.force_login(world.alice)
    other = Case.objects.get(person=world.p_south)
    response = client.post(
        reverse("assessment-list"),
        {"case": other.pk, "instrument": life_areas_scale().pk, "answers": {"housing_now": 4}},
        content_type="application/json",
    )
    assert response.status_code == 400 and not Assessment.objects.exists()


def test_the_api_records_factors_and_reviews(client, world, case, peer):
    client.force_login(world.alice)
    created = client.post(
        reverse("factor-list"),
        {"case": case.pk, "area": "substance_use", "kind": "protection", "text": "Uses less"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["label"] == "Uses less"
    assert client.get(reverse("factor-list")).json()["results"][0]["text"] == "Uses less"
    listed = AuditEvent.objects.filter(action="list", object_type="tools.Factor").get()
    assert listed.detail == {"sensitive": True}
    review = client.post(
        reverse("frameworkreview-list"),
        {"case": case.pk, "note": "Together"},
        content_type="application/json",
    )
    assert review.status_code == 201 and review.json()["reviewed_by"] == world.alice.pk
    client.force_login(peer)
    [listed] = client.get(reverse("factor-list")).json()["results"]
    assert listed["details_hidden"] and "text" not in listed
    refused = client.post(
        reverse("factor-list"),
        {"case": case.pk, "area": "mental_health", "kind": "risk", "text": "Low mood"},
        content_type="application/json",
    )
    assert refused.status_code == 400


# Demo ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "da", "pt-br"])
def test_the_demo_shows_change_over_time_and_a_reviewed_framework(world, case, language):
    today = timezone.localdate()
    move_in(case, by=world.alice, on=today - timedelta(days=300), code=Situation.RENTAL_NO_SUBSIDY)
    load_demo(case, language=language, today=today, rnd=random.Random(1), by=world.alice)
    scale = case.assessments.filter(instrument__key=LIFE_AREAS_KEY).order_by("taken_on")
    assert scale.count() == 4 and scale.first().is_baseline
    assert scale.first().taken_on == case.moved_in_on
    assert case.assessments.filter(instrument__key=COMPREHENSIVE_KEY).count() == 1
    assert Factor.objects.filter(case=case).count() >= 6
    assert Factor.objects.filter(case=case, ended_on__isnull=False).count() == 1
    changes = changes_since(case, last_review(case), factors_for_matrix(case), show_sensitive=True)
    assert changes.added and changes.ended and changes.strength


def test_the_demo_fits_a_case_that_has_just_opened(world, case):
    today = timezone.localdate()
    load_demo(case, language="en", today=today, rnd=random.Random(2), by=world.alice)
    assert case.assessments.filter(is_baseline=True).count() == 2
    assert InstrumentVersion.objects.filter(assessments__case=case).distinct().count() == 2
