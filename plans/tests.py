import random
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case, ReadinessRecord
from hearth import testing as t
from hearth.signatures import AgreementWay, validate_signature
from hearth.testing import TINY_PNG
from plans.demo import load as load_demo
from plans.forms import GoalForm
from plans.models import (
    ActionStep,
    Goal,
    GoalStatus,
    OwnerKind,
    Plan,
    PlanLink,
    PlanVersion,
    StepStatus,
)
from plans.testing import make_link, make_plan
from plans.workflow import GoalReview, record_agreement, review, save_version
from programs.roles import Role
from tools.models import Factor, FactorKind

pytestmark = pytest.mark.django_db

PLAN_PAGE_QUERIES = 17


@pytest.fixture
def case(world) -> Case:
    return Case.objects.select_related("person", "team", "program").get(person=world.p_icm)


def _goal_data(**overrides) -> dict:
    return {
        "own_words": "I want to see my grandchildren at Christmas.",
        "what_exactly": "A visit to my daughter's place",
        "how_we_will_know": "Photos with the kids",
        "life_area": "network",
        "time_frame": "",
        **overrides,
    }


def _factor(case, *, kind=FactorKind.RISK, area="housing", text="Arrears"):
    return Factor.objects.create(
        case=case, area=area, kind=kind, text=text, recorded_by=case.opened_by
    )


# Goals ------------------------------------------------------------------------------------


def test_a_goal_needs_the_persons_own_words(client, world, case):
    client.force_login(world.alice)
    response = client.post(reverse("plans:goal_add", args=[case.pk]), _goal_data(own_words="  "))
    assert response.status_code == 200
    assert "in the person&#x27;s own words first" in response.content.decode()
    assert not Goal.objects.exists() and not Plan.objects.exists()
    api = client.post(
        "/api/v1/goals/",
        {**_goal_data(own_words=""), "area": "network", "case": case.pk},
        "application/json",
    )
    assert api.status_code == 400 and "own_words" in api.json()


def test_a_goal_written_on_the_page_starts_the_plan_and_keeps_the_words_as_written(
    client, world, case
):
    client.force_login(world.alice)
    words = "Quero voltar pra Caruaru no São João!  "
    response = client.post(reverse("plans:goal_add", args=[case.pk]), _goal_data(own_words=words))
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.plan.case == case and goal.status == GoalStatus.OPEN
    assert goal.own_words == words.strip()
    page = client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "Quero voltar pra Caruaru no São João!" in page


def test_a_goal_has_no_time_frame_unless_the_person_chooses_one(client, world, case):
    form = GoalForm(case=case, show_sensitive=True, instance=Goal(created_by=world.alice))
    assert not form.fields["time_frame"].required
    assert not form.fields["time_frame"].initial
    assert "Leave empty unless the person wants a time frame" in str(
        form.fields["time_frame"].help_text
    )
    client.force_login(world.alice)
    client.post(reverse("plans:goal_add", args=[case.pk]), _goal_data())
    goal = Goal.objects.get()
    assert goal.time_frame == ""
    assert "Time frame" not in client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    client.post(
        reverse("plans:goal_edit", args=[case.pk, goal.pk]),
        _goal_data(time_frame="Before the summer", status="open", version=goal.version),
    )
    goal.refresh_from_db()
    assert goal.time_frame == "Before the summer"


def test_a_goal_links_barriers_and_strengths_of_its_own_case_only(client, world, case):
    risk = _factor(case)
    strength = _factor(case, kind=FactorKind.PROTECTION, area="network", text="Sister nearby")
    other_case = Case.objects.get(person=world.p_icm_b)
    foreign = _factor(other_case)
    client.force_login(world.alice)
    bad = client.post(
        reverse("plans:goal_add", args=[case.pk]),
        _goal_data(barriers=[foreign.pk, strength.pk]),
    )
    assert bad.status_code == 200 and not Goal.objects.exists()
    client.post(
        reverse("plans:goal_add", args=[case.pk]),
        _goal_data(barriers=[risk.pk], strengths=[strength.pk]),
    )
    goal = Goal.objects.get()
    assert list(goal.barriers.all()) == [risk] and list(goal.strengths.all()) == [strength]
    api = client.post(
        "/api/v1/goals/",
        {**_goal_data(), "area": "network", "case": case.pk, "barriers": [strength.pk]},
        "application/json",
    )
    assert api.status_code == 400 and "barriers" in api.json()
    created = client.post(
        "/api/v1/goals/",
        {**_goal_data(), "area": "network", "case": case.pk, "barriers": [risk.pk]},
        "application/json",
    )
    assert created.status_code == 201 and created.json()["barriers"] == [risk.pk]
    assert created.json()["area"] == "network" and created.json()["time_frame"] == ""


def test_factors_in_sensitive_areas_are_hidden_from_other_roles_and_kept_on_their_edits(
    client, world, case
):
    case.program.sensitive_roles = [Role.TEAM_LEAD]
    case.program.save()
    hidden = _factor(case, area="substance_use", text="Drinks alone at night")
    shown = _factor(case, area="housing", text="Arrears")
    plan, _version = make_plan(case)
    goal = plan.goals.get()
    goal.barriers.set([hidden, shown])
    client.force_login(world.alice)  # a case manager, not allowed in this program
    page = client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "Drinks alone at night" not in page and "Arrears" in page
    edit = client.get(reverse("plans:goal_edit", args=[case.pk, goal.pk])).content.decode()
    assert "Drinks alone at night" not in edit
    client.post(
        reverse("plans:goal_edit", args=[case.pk, goal.pk]),
        _goal_data(status="open", version=goal.version, barriers=[]),
    )
    assert list(goal.barriers.all()) == [hidden]
    client.force_login(world.tina)
    assert (
        "Drinks alone at night"
        in client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    )


def test_two_people_revising_the_same_goal_the_second_is_refused(client, world, case):
    plan, _version = make_plan(case)
    goal = plan.goals.get()
    client.force_login(world.alice)
    url = reverse("plans:goal_edit", args=[case.pk, goal.pk])
    first = client.post(url, _goal_data(own_words="First", status="open", version=0))
    assert first.status_code == 302
    second = client.post(url, _goal_data(own_words="Second", status="open", version=0))
    assert (
        second.status_code == 200 and "Someone else changed this record" in second.content.decode()
    )
    goal.refresh_from_db()
    assert goal.own_words == "First"


# Steps -------------------------------------------------------------------------------------


def test_a_step_has_an_owner_the_person_the_team_or_a_named_partner(client, world, case):
    plan, _version = make_plan(case, steps=0)
    goal = plan.goals.get()
    client.force_login(world.alice)
    url = reverse("plans:step_add", args=[case.pk, goal.pk])
    data = {"description": "Call the bank", "status": "to_do"}
    assert client.post(url, {**data, "owner_kind": "team_member"}).status_code == 200
    assert client.post(url, {**data, "owner_kind": "partner"}).status_code == 200
    outsider = client.post(
        url, {**data, "owner_kind": "case_manager", "owner_user": world.oscar.pk}
    )
    assert outsider.status_code == 200
    assert not ActionStep.objects.exists()
    client.post(url, {**data, "owner_kind": "partner", "partner_name": "CRAS Sé"})
    client.post(url, {**data, "owner_kind": "team_member", "owner_user": world.tina.pk})
    client.post(url, {**data, "owner_kind": "person", "owner_user": world.tina.pk})
    steps = list(goal.steps.order_by("id"))
    assert [(s.owner_kind, s.owner_user, s.partner_name) for s in steps] == [
        (OwnerKind.PARTNER, None, "CRAS Sé"),
        (OwnerKind.TEAM_MEMBER, world.tina, ""),
        (OwnerKind.PERSON, None, ""),
    ]


def test_a_step_status_changes_through_htmx_and_a_stale_change_is_refused(client, world, case):
    _plan, _version = make_plan(case)
    step = ActionStep.objects.get()
    client.force_login(world.alice)
    url = reverse("plans:step_status", args=[case.pk, step.pk])
    response = client.post(url, {"status": "done", "version": 0}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and f'id="step-{step.pk}"' in response.content.decode()
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and step.version == 1
    stale = client.post(url, {"status": "to_do", "version": 0}, headers={"HX-Request": "true"})
    assert "Someone else changed this record" in stale.content.decode()
    step.refresh_from_db()
    assert step.status == StepStatus.DONE


# Versions and agreement --------------------------------------------------------------------


def test_a_version_keeps_its_snapshot_after_later_edits(client, world, case):
    plan, version = make_plan(case)
    goal = plan.goals.get()
    goal.own_words = "Something else entirely"
    goal.save()
    ActionStep.objects.update(description="Changed step")
    client.force_login(world.alice)
    page = client.get(reverse("plans:version", args=[case.pk, version.pk])).content.decode()
    assert "I want a quiet place to read (1)" in page and "Visit the library together" in page
    assert "Something else entirely" not in page and "Changed step" not in page
    plan_page = client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "Changes the person has not agreed yet" in plan_page
    client.post(reverse("plans:version_create", args=[case.pk]), {"note": "Revised"})
    assert plan.versions.count() == 2
    assert (
        plan.versions.get(number=2).snapshot["goals"][0]["own_words"] == "Something else entirely"
    )
    assert plan.versions.get(number=1).snapshot["goals"][0]["own_words"].startswith("I want")


def test_the_agreement_is_recorded_once_per_version_with_what_each_way_needs(world, case):
    plan, version = make_plan(case, agreed=False)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as aloud:
        record_agreement(version, way=AgreementWay.AGREED_ALOUD, agreed_on=today, by=world.alice)
    assert "witness" in aloud.value.message_dict
    with pytest.raises(ValidationError) as screen:
        record_agreement(
            version,
            way=AgreementWay.SIGNED_SCREEN,
            signature="data:image/gif;base64,R0lGOD",
            agreed_on=today,
            by=world.alice,
        )
    assert "signature" in screen.value.message_dict
    record_agreement(
        version, way=AgreementWay.SIGNED_SCREEN, signature=TINY_PNG, agreed_on=today, by=world.alice
    )
    version.refresh_from_db()
    assert version.is_agreed and version.signature == TINY_PNG
    with pytest.raises(ValidationError):
        record_agreement(
            version, way=AgreementWay.AGREED_ALOUD, witness="X", agreed_on=today, by=world.alice
        )
    second = save_version(plan, by=world.alice)
    assert not second.is_agreed  # each version is agreed on its own


def test_signing_on_the_screen_through_the_page(client, world, case):
    _plan, version = make_plan(case, agreed=False)
    client.force_login(world.alice)
    url = reverse("plans:agreement", args=[case.pk, version.pk])
    page = client.get(url).content.decode()
    assert "vendor/signature_pad/signature_pad.umd.min.js" in page and "<canvas" in page
    assert "<script>" not in page
    today = timezone.localdate().isoformat()
    empty = client.post(url, {"way": "signed_screen", "signature": "", "agreed_on": today})
    assert empty.status_code == 200 and "sign on the screen" in empty.content.decode()
    no_witness = client.post(url, {"way": "aloud_witnessed", "agreed_on": today})
    assert "Name the witness" in no_witness.content.decode()
    signed = client.post(url, {"way": "signed_screen", "signature": TINY_PNG, "agreed_on": today})
    assert signed.status_code == 302
    version.refresh_from_db()
    assert version.agreement_way == AgreementWay.SIGNED_SCREEN
    assert version.agreement_recorded_by == world.alice
    shown = client.get(reverse("plans:version", args=[case.pk, version.pk])).content.decode()
    assert f'src="{TINY_PNG}"' in shown


# Reviews and the closure indicators ------------------------------------------------------------


def _review_data(plan, goal, **overrides) -> dict:
    return {
        "version": plan.version,
        "on": timezone.localdate().isoformat(),
        "review_note": "A good quarter",
        "review_interval_days": 60,
        f"progress_{goal.pk}": "Went to the library twice",
        f"status_{goal.pk}": "achieved",
        f"goal_version_{goal.pk}": goal.version,
        "readiness-feels_ready": "not_yet",
        "readiness-person_words": "Not yet, but closer",
        "readiness-income": "improving",
        "readiness-social_support": "some",
        "readiness-substances": "managing",
        **overrides,
    }


def test_the_review_records_the_indicators_that_the_closure_form_shows_as_a_trend(
    client, world, case
):
    plan, _version = make_plan(case)
    goal = plan.goals.get()
    client.force_login(world.alice)
    response = client.post(reverse("plans:review", args=[case.pk]), _review_data(plan, goal))
    assert response.status_code == 302
    readiness = ReadinessRecord.objects.get(case=case)
    assert readiness.kind == ReadinessRecord.Kind.REVIEW
    assert readiness.income == "improving" and readiness.recorded_by == world.alice
    version = plan.versions.get(number=2)
    assert response["Location"] == reverse("plans:agreement", args=[case.pk, version.pk])
    assert version.is_review and version.readiness == readiness and not version.is_agreed
    assert version.snapshot["goals"][0]["progress"] == "Went to the library twice"
    goal.refresh_from_db()
    plan.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert plan.review_interval_days == 60
    assert plan.next_review_on == timezone.localdate() + timedelta(days=60)
    closure = client.get(reverse("cases:close", args=[case.pk])).content.decode()
    assert "Readiness over time" in closure and "Improving" in closure


def test_a_review_on_a_plan_changed_meanwhile_is_refused_and_nothing_is_saved(world, case):
    plan, _version = make_plan(case)
    goal = plan.goals.get()
    Goal.objects.filter(pk=goal.pk).update(version=5)  # a colleague revised it meanwhile
    with pytest.raises(Exception) as exc:
        review(
            plan,
            by=world.alice,
            on=timezone.localdate(),
            goals=[GoalReview(goal_id=goal.pk, version=0, status="open", progress="x")],
            readiness=ReadinessRecord(
                feels_ready="not_yet", income="none", social_support="weak", substances="managing"
            ),
            note="",
            interval_days=None,
            expected_version=plan.version,
        )
    assert type(exc.value).__name__ == "StaleEdit"
    assert not ReadinessRecord.objects.exists() and plan.versions.count() == 1


# The person's copy and link -----------------------------------------------------------------


@pytest.fixture
def danish_case(world):
    case = t.make_case(
        team=world.icm_team, by=world.alice, primary=world.alice, preferred_language="da"
    )
    make_plan(case)
    return case


def test_the_persons_copy_is_in_their_language_while_the_worker_uses_english(
    client, world, danish_case
):
    client.force_login(world.alice)
    page = client.get(reverse("plans:copy", args=[danish_case.pk])).content.decode()
    assert '<html lang="da">' in page
    assert "I want a quiet place to read (1)" in page  # their words as written
    assert "(I gang)" in page  # the interface text from the Danish catalog
    worker_page = client.get(reverse("plans:plan", args=[danish_case.pk])).content.decode()
    assert "Goals and plan" in worker_page  # the worker's own pages stay in English
    pdf = client.get(reverse("plans:copy_pdf", args=[danish_case.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_copy_falls_back_to_the_organisations_language(client, world):
    case = t.make_case(
        team=world.south_team, by=world.oscar, primary=world.oscar, preferred_language="so"
    )
    make_plan(case)
    client.force_login(world.oscar)
    page = client.get(reverse("plans:copy", args=[case.pk])).content.decode()
    assert '<html lang="da">' in page


def test_the_link_shows_only_that_plan_and_every_opening_is_audited(client, world, case):
    plan, _version = make_plan(case)
    other_case = Case.objects.get(person=world.p_icm_b)
    other_plan, _ = make_plan(other_case, by=world.tina)
    other_plan.goals.update(own_words="The other person's secret goal")
    save_version(other_plan, by=world.tina)
    link = make_link(plan, by=world.alice)
    url = reverse("plans:public", kwargs={"plan_token": link.token})
    response = client.get(url)  # nobody signed in: the link is the key
    body = response.content.decode()
    assert response.status_code == 200
    assert "I want a quiet place to read (1)" in body
    assert "secret goal" not in body
    assert case.person.family_name not in body and case.person.given_name not in body
    assert world.alice.last_name not in body
    assert "<nav" not in body and "href=" not in body.split("<body", 1)[1]
    assert response["Referrer-Policy"] == "no-referrer"
    client.get(url)
    events = AuditEvent.objects.filter(detail__plan_link=link.pk)
    assert events.count() == 2
    assert {(e.user, e.person_id, e.action) for e in events} == {
        (world.alice, case.person_id, "view")
    }
    link.refresh_from_db()
    assert link.open_count == 2


def test_the_link_shows_the_latest_agreed_version_not_a_draft(client, world, case):
    plan, _version = make_plan(case)
    plan.goals.update(own_words="A draft the person has not agreed")
    save_version(plan, by=world.alice)
    body = client.get(
        reverse("plans:public", kwargs={"plan_token": make_link(plan).token})
    ).content.decode()
    assert "I want a quiet place to read" in body and "not agreed" not in body


def test_an_expired_or_revoked_or_unknown_link_opens_nothing(client, world, case):
    plan, _version = make_plan(case)
    expired = make_link(plan)
    PlanLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("plans:public", args=[expired.token])).status_code == 404
    assert client.get(reverse("plans:public", args=["not-a-plan-token"])).status_code == 404
    link = make_link(plan)
    client.force_login(world.alice)
    client.post(reverse("plans:link_revoke", args=[case.pk, link.pk]))
    client.logout()
    assert client.get(reverse("plans:public", args=[link.token])).status_code == 404
    assert not AuditEvent.objects.filter(detail__has_key="plan_link").exists()


def test_a_link_is_made_only_for_an_agreed_plan_and_lasts_at_most_90_days(client, world, case):
    _plan, version = make_plan(case, agreed=False)
    client.force_login(world.alice)
    url = reverse("plans:link_create", args=[case.pk])
    client.post(url, {"days": 30})
    assert not PlanLink.objects.exists()
    record_agreement(version, way="signed_paper", agreed_on=timezone.localdate(), by=world.alice)
    client.post(url, {"days": 91})
    assert not PlanLink.objects.exists()
    client.post(url, {"days": 30})
    link = PlanLink.objects.get()
    assert timedelta(days=29) < link.expires_at - timezone.now() <= timedelta(days=30)
    assert len(link.token) >= 40
    page = client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert link.token in page


# Pages, API, person page, demo ------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_plan_page_costs_the_same_for_1_and_20_goals_with_their_steps(client, world, case):
    _factor(case)
    make_plan(case, goals=1, steps=1)
    client.force_login(world.alice)
    url = reverse("plans:plan", args=[case.pk])
    small = _count(client, url)
    plan = Plan.objects.get(case=case)
    risk = _factor(case, text="Noise complaints")
    for _ in range(19):
        goal = Goal.objects.create(
            plan=plan, own_words="More", life_area="housing", created_by=world.alice
        )
        goal.barriers.add(risk)
        for n in range(5):
            ActionStep.objects.create(
                goal=goal,
                description="Step",
                owner_kind="team_member",
                owner_user=world.tina,
                updated_by=world.alice,
                order=n,
            )
    save_version(plan, by=world.alice)
    make_link(plan)
    assert _count(client, url) == small == PLAN_PAGE_QUERIES


def test_the_api_reads_the_plan_and_refuses_a_stale_update_with_409(client, world, case):
    plan, _version = make_plan(case)
    goal = plan.goals.get()
    step = goal.steps.get()
    client.force_login(world.alice)
    read = client.get(f"/api/v1/plans/?case={case.pk}").json()["results"]
    assert read[0]["goals"][0]["own_words"].startswith("I want")
    assert read[0]["goals"][0]["steps"][0]["id"] == step.pk
    ok = client.patch(
        f"/api/v1/goals/{goal.pk}/", {"what_exactly": "Two books", "version": 0}, "application/json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 1
    stale = client.patch(
        f"/api/v1/goals/{goal.pk}/", {"what_exactly": "Three", "version": 0}, "application/json"
    )
    assert stale.status_code == 409
    missing = client.patch(
        f"/api/v1/action-steps/{step.pk}/", {"status": "done"}, "application/json"
    )
    assert missing.status_code == 400
    done = client.patch(
        f"/api/v1/action-steps/{step.pk}/", {"status": "done", "version": 0}, "application/json"
    )
    assert done.status_code == 200
    assert (
        client.patch(
            f"/api/v1/action-steps/{step.pk}/",
            {"status": "to_do", "version": 0},
            "application/json",
        ).status_code
        == 409
    )
    new_step = client.post(
        "/api/v1/action-steps/",
        {"goal": goal.pk, "description": "Ask CRAS", "owner_kind": "partner"},
        "application/json",
    )
    assert new_step.status_code == 400 and "partner_name" in new_step.json()


def test_the_api_records_the_agreement_on_a_version(client, world, case):
    plan, _version = make_plan(case)
    client.force_login(world.alice)
    created = client.post(f"/api/v1/plans/{plan.pk}/snapshot/", {}, "application/json")
    assert created.status_code == 201
    version_id = created.json()["id"]
    url = f"/api/v1/plan-versions/{version_id}/agreement/"
    today = timezone.localdate().isoformat()
    bad = client.post(url, {"way": "aloud_witnessed", "agreed_on": today}, "application/json")
    assert bad.status_code == 400 and "witness" in bad.json()
    good = client.post(
        url,
        {"way": "signed_screen", "agreed_on": today, "signature": TINY_PNG},
        "application/json",
    )
    assert good.status_code == 200 and good.json()["agreement_way"] == "signed_screen"
    listed = client.get(f"/api/v1/plan-versions/?plan={plan.pk}").json()["results"]
    assert [v["number"] for v in listed] == [2, 1]


def test_the_person_page_section_costs_three_queries_and_an_audit_event(rf, world, case):
    from plans.sections import person_section

    make_plan(case, goals=3, steps=2)
    request = rf.get("/")
    request.user = world.alice
    cases = list(Case.objects.filter(person=world.p_icm))
    with CaptureQueriesContext(connection) as ctx:
        section = person_section(request, world.p_icm, cases)
    # Plans, goals, their open steps (for the summary at the top of the page), the audit event.
    assert len(ctx.captured_queries) == 4
    row = section["plan_rows"][0]
    assert len(row.goals) == 3 and row.goals[0].open_steps == 2
    assert len(section["for_visit"].steps) == 6
    assert row.latest.number == 1 and row.latest.is_agreed
    assert AuditEvent.objects.filter(object_type="plans.Plan", person_id=world.p_icm.pk).exists()


def test_the_demo_plan_has_goals_in_own_words_two_agreed_versions_and_a_review(world):
    sao = t.make_program(name="Abrindo Portas")
    team = t.make_team(program=sao)
    ana = t.make_user(first_name="Ana", last_name="Souza")
    carlos = t.make_user(first_name="Carlos", last_name="Oliveira")
    t.add_member(ana, team=team)
    t.add_member(carlos, role=Role.MONITORING_AGENT, team=team)
    case = t.make_case(team=team, by=ana, primary=ana)
    case.hopes = "Quero conhecer meus netos. E ir pra Caruaru no São João."
    case.save()
    _factor(case, area="housing")
    load_demo(case, language="pt-br", today=timezone.localdate(), rnd=random.Random(4), by=ana)
    plan = Plan.objects.get(case=case)
    goals = list(plan.goals.all())
    assert 2 <= len(goals) <= 3 and goals[0].own_words == "Quero conhecer meus netos."
    assert ActionStep.objects.filter(
        goal__plan=plan, owner_kind=OwnerKind.MONITORING_AGENT, owner_user=carlos
    ).exists()
    first, second = plan.versions.order_by("number")
    assert first.agreement_way == AgreementWay.SIGNED_SCREEN
    validate_signature(first.signature)
    assert second.agreement_way == AgreementWay.AGREED_ALOUD and second.witness
    assert second.is_review and second.readiness.kind == ReadinessRecord.Kind.REVIEW
    assert PlanVersion.objects.filter(plan=plan).count() == 2


@pytest.mark.parametrize("language", ["en", "fr", "da", "pt-br"])
def test_the_demo_loads_in_every_language_for_act_teams_and_closed_cases(world, language):
    act_case = Case.objects.get(person=world.p_act)
    load_demo(
        act_case, language=language, today=timezone.localdate(), rnd=random.Random(7), by=world.bob
    )
    steps = ActionStep.objects.filter(goal__plan__case=act_case)
    assert steps.filter(owner_kind=OwnerKind.TEAM_MEMBER, owner_user__isnull=False).exists()
    assert not steps.filter(owner_kind=OwnerKind.CASE_MANAGER).exists()
    closed = t.make_case(
        team=world.icm_team,
        by=world.alice,
        primary=world.alice,
        opened_on=timezone.localdate() - timedelta(days=400),
    )
    closed.close(
        by=world.alice,
        on=timezone.localdate() - timedelta(days=30),
        reason="ready_mainstream",
        readiness=ReadinessRecord(
            feels_ready="ready",
            person_words="I'm ready",
            income="stable",
            social_support="strong",
            substances="not_a_concern",
        ),
    )
    load_demo(
        closed, language=language, today=timezone.localdate(), rnd=random.Random(8), by=world.tina
    )
    review_record = closed.readiness_records.get(kind=ReadinessRecord.Kind.REVIEW)
    assert review_record.recorded_on < closed.closed_on


def test_a_case_without_a_plan_shows_where_to_start(client, world, case):
    client.force_login(world.alice)
    page = client.get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert "No goals yet" in page
    assert client.get(reverse("plans:review", args=[case.pk])).status_code == 302
    assert client.get(reverse("plans:copy", args=[case.pk])).status_code == 200
    assert client.post(reverse("plans:version_create", args=[case.pk])).status_code == 404


def test_the_person_page_section_renders_the_goals_and_where_to_start(rf, world, case):
    from django.template.loader import render_to_string

    from plans.sections import person_section

    make_plan(case, goals=2)
    request = rf.get("/")
    request.user = world.alice
    other = Case.objects.get(person=world.p_act)  # a case without a plan yet
    section = person_section(request, world.p_icm, [case, other])  # (the lead passes one person's)
    for context in (section, {"plans": section}):
        html = render_to_string("plans/_person_section.html", context)
        assert "I want a quiet place to read (2)" in html
        assert reverse("plans:goal_add", args=[other.pk]) in html


def test_the_person_page_shows_the_goals_being_worked_on(client, world, case):
    make_plan(case, goals=2)
    client.force_login(world.alice)
    page = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "I want a quiet place to read (2)" in page
    assert reverse("plans:plan", args=[case.pk]) in page
