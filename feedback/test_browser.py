"""A person answers the feedback survey in Danish on a phone, through the round link, without
signing in (issue 6 §5; BRIEF R35, R36)."""

import pytest

from feedback.models import Answer, Channel
from feedback.testing import make_round
from hearth import testing as t
from hearth.testing import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_answers_the_survey_in_danish_through_the_round_link(live_server, phone):
    organisation = t.make_organisation(name="Hjem Først")  # English by default
    team = t.make_team(program=t.make_program(organisation=organisation), name="ICM Nord")
    lead = t.make_user(username="lise")
    t.add_member(lead, role="team_lead", team=team)
    round_ = make_round(team.program, by=lead)

    phone.goto(f"{live_server.url}/feedback/r/{round_.token}/")
    assert phone.locator("html").get_attribute("lang") == "en"
    phone.locator("a[hreflang=da]").click()
    phone.wait_for_url("**?lang=da")
    assert phone.locator("html").get_attribute("lang") == "da"
    assert phone.locator("a[href*='/accounts/']").count() == 0  # the survey and nothing else

    phone.check("input[name=P1][value='5']")
    phone.check("input[name=P5][value='4']")
    phone.fill("#comment", "Flere besøg om aftenen")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the survey scrolls sideways on a phone"
    phone.locator("#survey button[type=submit]").click()
    phone.locator(".done").wait_for()
    assert phone.locator("html").get_attribute("lang") == "da"

    answer = Answer.objects.get()
    assert answer.channel == Channel.LINK and answer.team is None
    assert answer.comment == "Flere besøg om aftenen"
    assert {s.code: s.value for s in answer.scores.all()} == {"P1": 5, "P5": 4}
