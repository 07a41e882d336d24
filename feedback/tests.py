"""Feedback from persons and staff (issue 6 §5; BRIEF R35 anonymity and safety, R36 feedback
as part of outcome monitoring)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import timezone

from feedback.collect import AlreadyAnswered, RoundClosed, take_person_answer, take_staff_answer
from feedback.models import Answer, Audience, Channel, Round, Score, StaffAnswered
from feedback.results import round_results
from feedback.testing import answer_persons, make_round
from hearth import testing as t

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def icm(world):
    return world.icm_team.program


@pytest.fixture
def round_(world, icm):
    return make_round(icm, by=world.pam)


def _group(results, audience, team):
    return next(g for g in results[audience] if g.team == team)


def _person_post(client, url, visit_from=None, **answers):
    """GET the page (which issues the visit's one-time value), then POST the answers."""
    page = client.get(visit_from or url)
    visit = client.session[f"feedback-visit-{page.context['round'].pk}"]
    return client.post(url, {"visit": visit, **answers})


# --- the ≥5 rule (R35, R36) ---------------------------------------------------------------


def test_a_team_with_four_answers_shows_no_results(world, round_):
    answer_persons(round_, 4, team=world.icm_team)
    group = _group(round_results(round_), Audience.PERSONS, world.icm_team)
    assert group.n == 4 and not group.shown
    assert all(not q.shown and q.distribution == [] for q in group.questions)


def test_a_team_with_five_answers_shows_mean_and_distribution(world, round_):
    answer_persons(round_, 5, team=world.icm_team, value=4)
    group = _group(round_results(round_), Audience.PERSONS, world.icm_team)
    assert group.shown
    p1 = next(q for q in group.questions if q.question.code == "P1")
    assert str(p1.mean) == "4.0"
    assert [(v, c) for v, _w, c, _p in p1.distribution] == [(1, 0), (2, 0), (3, 0), (4, 5), (5, 0)]
    p5 = next(q for q in group.questions if q.question.code == "P5")
    assert str(p5.mean) == "3.0"  # 1+2+3+4+5 over 5


def test_the_results_page_says_why_a_small_group_is_hidden(client, world, round_):
    answer_persons(round_, 4, team=world.icm_team)
    client.force_login(world.pam)
    body = client.get(reverse("feedback:results", args=[round_.pk])).content.decode()
    assert "Not enough answers to show results without identifying anyone." in body
    assert "4.0" not in body


def test_the_results_page_shows_a_group_of_five(client, world, round_):
    answer_persons(round_, 5, team=world.icm_team, value=2)
    client.force_login(world.pam)
    body = client.get(reverse("feedback:results", args=[round_.pk])).content.decode()
    assert "2.0" in body


def test_a_question_answered_by_fewer_than_five_is_hidden_in_a_shown_group(world, round_):
    answer_persons(round_, 5, team=world.icm_team)
    take_person_answer(
        round_,
        channel=Channel.HANDED,
        team=world.icm_team,
        scores={"P2": 5},
        comment="",
        today=round_.opens_on,
    )
    group = _group(round_results(round_), Audience.PERSONS, world.icm_team)
    p2 = next(q for q in group.questions if q.question.code == "P2")
    assert group.shown and p2.n == 1 and not p2.shown


def test_the_whole_round_is_hidden_when_taking_a_team_away_leaves_fewer_than_five(world, round_):
    answer_persons(round_, 5, team=world.icm_team)
    answer_persons(round_, 3, team=world.icm_team_b)
    results = round_results(round_)
    whole = _group(results, Audience.PERSONS, None)
    assert whole.n == 8 and not whole.shown  # 8 − 5 would show team B's three


def test_free_text_shows_only_in_the_whole_round_from_five_answers(world, round_):
    answer_persons(round_, 4, comment="Evening visits please")
    assert _group(round_results(round_), Audience.PERSONS, None).comments == []
    answer_persons(round_, 1)
    whole = _group(round_results(round_), Audience.PERSONS, None)
    assert whole.comments == ["Evening visits please"] * 4


def test_free_text_is_never_shown_beside_a_team(client, world, round_):
    answer_persons(round_, 5, team=world.icm_team, comment="Team comment")
    answer_persons(round_, 3, team=world.icm_team_b, comment="Small team comment")
    results = round_results(round_)
    assert all(g.comments == [] for g in results[Audience.PERSONS] if g.team)
    # Team B's three would be recognisable: the whole round (and its free text) is hidden.
    assert _group(results, Audience.PERSONS, None).comments == []
    client.force_login(world.tina)  # the lead of the team of five
    body = client.get(reverse("feedback:results", args=[round_.pk])).content.decode()
    assert "Team comment" not in body


# --- anonymity (R35) --------------------------------------------------------------------


def test_an_answer_has_no_link_to_a_person_or_a_user():
    for model in (Answer, Score):
        targets = {
            f.related_model._meta.label
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey)
        }
        assert targets <= {"feedback.Round", "programs.Team", "feedback.Answer"}, targets
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"created_at", "person", "user", "by", "history"}
    assert isinstance(Answer._meta.pk, models.UUIDField)  # no order to match with StaffAnswered


def test_staff_answers_are_kept_without_the_user(client, world, round_):
    client.force_login(world.alice)
    client.post(reverse("feedback:staff", args=[round_.pk]), {"S1": "2", "comment": "Busy"})
    answer = Answer.objects.get(audience=Audience.STAFF)
    assert answer.team == world.icm_team and answer.comment == "Busy"
    assert StaffAnswered.objects.filter(round=round_, user=world.alice).exists()
    assert not any(
        isinstance(f, models.ForeignKey) and f.related_model._meta.label == "accounts.User"
        for f in Answer._meta.get_fields()
    )


def test_staff_cannot_answer_twice(client, world, round_):
    client.force_login(world.alice)
    url = reverse("feedback:staff", args=[round_.pk])
    client.post(url, {"S1": "2"})
    response = client.post(url, {"S1": "5"}, follow=True)
    assert "You have answered this round already." in response.content.decode()
    assert Answer.objects.filter(audience=Audience.STAFF).count() == 1


def test_two_staff_answers_at_once_still_count_once(world, round_):
    kwargs = dict(user=world.alice, team=None, scores={"S1": 3}, comment="", today=round_.opens_on)
    take_staff_answer(round_, **kwargs)
    with pytest.raises(AlreadyAnswered):
        take_staff_answer(round_, **kwargs)
    assert Answer.objects.count() == 1 and StaffAnswered.objects.count() == 1


# --- the round link (public) ----------------------------------------------------------------


def test_the_round_link_works_without_signing_in(client, round_):
    url = reverse("feedback:public", args=[round_.token])
    response = _person_post(client, url, P1="5", P3="4", comment="Thank you")
    assert response.status_code == 200
    assert "Your answer is saved" in response.content.decode()
    answer = Answer.objects.get()
    assert answer.channel == Channel.LINK and answer.team is None
    assert {s.code: s.value for s in answer.scores.all()} == {"P1": 5, "P3": 4}


def test_the_round_link_shows_the_survey_and_nothing_else(client, world, round_):
    body = client.get(reverse("feedback:public", args=[round_.token])).content.decode()
    assert "I feel safe when I meet the team." in body
    for elsewhere in ("/caseload/", "/people/", "/accounts/", "North ICM", "Pam"):
        assert elsewhere not in body


def test_other_pages_still_need_sign_in_after_answering_by_link(client, world, round_):
    _person_post(client, reverse("feedback:public", args=[round_.token]), P1="3")
    for url in (
        reverse("feedback:results", args=[round_.pk]),
        reverse("feedback:rounds", args=[round_.program_id]),
        reverse("feedback:hand_over", args=[round_.pk]),
        reverse("people:list"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_an_unknown_round_link_is_not_found(client, round_):
    assert client.get(reverse("feedback:public", args=["not-a-round"])).status_code == 404


def test_one_answer_per_visit(client, round_):
    url = reverse("feedback:public", args=[round_.token])
    page = client.get(url)
    visit = client.session[f"feedback-visit-{page.context['round'].pk}"]
    client.post(url, {"visit": visit, "P1": "4"})
    again = client.post(url, {"visit": visit, "P1": "4"})
    assert "This answer was already sent." in again.content.decode()
    assert Answer.objects.count() == 1


def test_the_round_link_asks_to_wait_after_many_answers_from_one_place(client, round_, settings):
    from feedback import views

    url = reverse("feedback:public", args=[round_.token])
    for _n in range(views.LINK_RATE):
        _person_post(client, url, P1="4")
    response = _person_post(client, url, P1="4")
    assert "Please try again later." in response.content.decode()
    assert Answer.objects.count() == views.LINK_RATE


def test_an_empty_answer_is_refused_with_a_message(client, round_):
    response = _person_post(client, reverse("feedback:public", args=[round_.token]))
    assert "Answer at least one question." in response.content.decode()
    assert not Answer.objects.exists()


def test_the_round_link_speaks_the_language_chosen_on_the_page(client, round_):
    body = client.get(reverse("feedback:public", args=[round_.token]) + "?lang=da").content
    assert b'<html lang="da"' in body


def test_the_round_link_speaks_the_organisations_language_by_default(client, world):
    south = world.south_team.program
    round_ = make_round(south, by=world.oscar)
    body = client.get(reverse("feedback:public", args=[round_.token])).content
    assert b'<html lang="da"' in body


# --- closed rounds --------------------------------------------------------------------------


def test_a_closed_round_refuses_answers_by_link_with_a_message(client, world, icm):
    closed = make_round(icm, by=world.pam, past=True)
    url = reverse("feedback:public", args=[closed.token])
    assert "This survey round is closed." in client.get(url).content.decode()
    response = client.post(url, {"P1": "4"})
    assert response.status_code == 409
    assert "your answer is not saved" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_closed_round_refuses_staff_answers_with_a_message(client, world, icm):
    closed = make_round(icm, by=world.pam, past=True)
    client.force_login(world.alice)
    response = client.post(reverse("feedback:staff", args=[closed.pk]), {"S1": "4"}, follow=True)
    assert "This survey round is closed: the answer is not saved." in response.content.decode()
    assert not Answer.objects.exists() and not StaffAnswered.objects.exists()


def test_a_round_refuses_answers_after_its_closing_day(world, round_):
    with pytest.raises(RoundClosed):
        take_person_answer(
            round_,
            channel=Channel.LINK,
            team=None,
            scores={"P1": 3},
            comment="",
            today=round_.closes_on + timedelta(days=1),
        )


# --- handing the phone over -------------------------------------------------------------------


def test_an_answer_on_a_workers_phone_counts_for_the_team_not_the_worker(client, world, round_):
    client.force_login(world.alice)
    url = reverse("feedback:hand_over", args=[round_.pk])
    response = _person_post(client, url, P5="5")
    body = response.content.decode()
    assert "You can hand the phone back now." in body
    assert "My caseload" not in body  # nothing of Hearth around the survey
    answer = Answer.objects.get()
    assert answer.team == world.icm_team and answer.channel == Channel.HANDED


# --- rounds and access -----------------------------------------------------------------------


def test_a_program_manager_opens_a_round(client, world, icm):
    client.force_login(world.pam)
    today = timezone.localdate()
    client.post(
        reverse("feedback:rounds", args=[icm.pk]),
        {"title": "Spring", "opens_on": today, "closes_on": today + timedelta(days=14)},
    )
    round_ = Round.objects.get()
    assert round_.program == icm and round_.persons_version == "1"


def test_a_round_cannot_close_before_it_opens(client, world, icm):
    client.force_login(world.tina)
    today = timezone.localdate()
    response = client.post(
        reverse("feedback:rounds", args=[icm.pk]),
        {"opens_on": today + timedelta(days=5), "closes_on": today + timedelta(days=1)},
    )
    assert "The round closes after it opens." in response.content.decode()
    assert not Round.objects.exists()


def test_a_case_manager_does_not_open_a_round(client, world, icm):
    client.force_login(world.alice)
    today = timezone.localdate()
    client.post(
        reverse("feedback:rounds", args=[icm.pk]),
        {"opens_on": today, "closes_on": today + timedelta(days=3)},
    )
    assert not Round.objects.exists()


@pytest.mark.parametrize("name", ["results", "staff", "hand_over"])
def test_an_outsider_gets_not_found(client, world, round_, name):
    client.force_login(world.oscar)
    assert client.get(reverse(f"feedback:{name}", args=[round_.pk])).status_code == 404


def test_an_outsider_gets_not_found_for_the_programs_rounds(client, world, icm):
    client.force_login(world.oscar)
    assert client.get(reverse("feedback:rounds", args=[icm.pk])).status_code == 404


def test_a_case_manager_does_not_see_results(client, world, round_):
    client.force_login(world.alice)
    assert client.get(reverse("feedback:results", args=[round_.pk])).status_code == 403


def test_a_team_lead_sees_only_their_own_teams(client, world, round_):
    answer_persons(round_, 5, team=world.icm_team)
    answer_persons(round_, 5, team=world.icm_team_b)
    client.force_login(world.tina)
    body = client.get(reverse("feedback:results", args=[round_.pk])).content.decode()
    assert world.icm_team.name in body and world.icm_team_b.name not in body
    assert "The whole round" not in body


def test_the_results_page_keeps_its_queries_whatever_the_number_of_answers(
    client, world, round_, django_assert_num_queries
):
    client.force_login(world.pam)
    url = reverse("feedback:results", args=[round_.pk])
    answer_persons(round_, 5, team=world.icm_team, comment="x")
    client.get(url)
    with django_assert_num_queries(RESULTS_QUERIES):
        client.get(url)
    answer_persons(round_, 20, team=world.icm_team_b, comment="y")
    answer_persons(round_, 7, comment="z")
    with django_assert_num_queries(RESULTS_QUERIES):
        client.get(url)


# session, user, time zone, round, manages?, teams, group sizes, scores, comments, navigation
RESULTS_QUERIES = 10


# --- API ----------------------------------------------------------------------------------


def test_the_api_lists_rounds_of_the_users_programs_only(client, world, round_):
    make_round(world.south_team.program, by=world.oscar)
    client.force_login(world.alice)
    items = client.get(reverse("feedback_round-list")).json()["results"]
    assert [i["id"] for i in items] == [round_.pk]
    assert "token" not in items[0]


def test_the_api_results_keep_the_five_answer_rule(client, world, round_):
    answer_persons(round_, 5, team=world.icm_team)
    answer_persons(round_, 4, team=world.icm_team_b)
    client.force_login(world.pam)
    data = client.get(reverse("feedback_round-results", args=[round_.pk])).json()
    teams = {g["team"]: g for g in data["groups"]["persons"]}
    assert teams[world.icm_team.pk]["shown"] and teams[world.icm_team.pk]["questions"]
    small = teams[world.icm_team_b.pk]
    assert not small["shown"] and small["questions"] == [] and small["comments"] == []


def test_the_api_results_are_not_for_an_outsider_or_a_case_manager(client, world, round_):
    url = reverse("feedback_round-results", args=[round_.pk])
    client.force_login(world.oscar)
    assert client.get(url).status_code == 404
    client.force_login(world.alice)
    assert client.get(url).status_code == 403


# --- demo ------------------------------------------------------------------------------


def test_the_demo_round_shows_the_team_and_hides_the_few_staff(world, icm):
    import random

    from feedback.demo import load_program

    for _n in range(4):
        t.add_member(t.make_user(), team=world.icm_team_b)
    load_program(icm, language="da", today=timezone.localdate(), rnd=random.Random(1), by=world.pam)
    closed = Round.objects.filter(program=icm).order_by("opens_on").first()
    persons = Answer.objects.filter(round=closed, audience=Audience.PERSONS).count()
    assert 12 <= persons <= 25
    results = round_results(closed)
    team = Team_of(results, Audience.PERSONS)
    assert team.shown
    assert not _group(results, Audience.STAFF, None).shown
    assert any(not g.shown for g in results[Audience.STAFF] if g.team)


def Team_of(results, audience):
    return next(g for g in results[audience] if g.team and g.n)


def test_the_programs_feedback_page_gives_the_round_link_and_both_ways_to_answer(
    client, world, round_
):
    client.force_login(world.alice)
    body = client.get(reverse("feedback:rounds", args=[round_.program_id])).content.decode()
    assert f"/feedback/r/{round_.token}/" in body
    assert reverse("feedback:hand_over", args=[round_.pk]) in body
    assert reverse("feedback:staff", args=[round_.pk]) in body


def test_the_staff_survey_asks_its_questions_in_hearths_own_words(client, world, round_):
    client.force_login(world.alice)
    body = client.get(reverse("feedback:staff", args=[round_.pk])).content.decode()
    assert "I get regular supervision that helps me in my work." in body
    assert "Not taken from any licensed instrument" in body
