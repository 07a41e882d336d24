"""A case manager on a phone: sign in, open a case, close it with a readiness record — in two
languages, in Debian's Chromium driven by Playwright."""

import pytest

from cases.models import Case, Stage
from hearth import testing as t
from hearth.testing import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


TEXT = {
    "en": {
        "language": "English",
        "open": "Open a case",
        "closed": "Closed",
        "words": "I have my own place and my job. I feel ready.",
    },
    "fr": {
        "language": "français",
        "open": "Ouvrir un dossier",
        "closed": "Fermé",
        "words": "J'ai mon appartement et mon travail. Je me sens prête.",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_case_manager_opens_and_closes_a_case_on_a_phone(live_server, phone, language):
    team = t.make_team(name="Équipe Centre-Sud")
    worker = t.make_user(
        username="marie", first_name="Marie", last_name="Lavoie", password="un mot de passe solide"
    )
    t.add_member(worker, team=team)
    # Someone with a very similar name is already registered: Hearth must say so.
    t.make_case(team=team, by=worker, given_name="Josée", family_name="Tremblay-Ouelet")
    text = TEXT[language]

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.select_option("#language-select", language)  # the switcher submits itself
    phone.wait_for_selector(f"html[lang='{language}']")
    phone.fill("#id_username", "marie")
    phone.fill("#id_password", "un mot de passe solide")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")

    phone.locator(".menu-toggle").click()  # on a phone the menu opens first
    phone.locator("header").get_by_role("link", name=text["open"]).click()
    phone.fill("#id_p-given_name", "Josée")
    phone.locator("#id_p-family_name").press_sequentially("Tremblay-Ouellet", delay=20)
    phone.wait_for_selector("#matches .matches")  # the duplicate check answered as she typed
    assert "Tremblay-Ouelet" in phone.locator("#matches").inner_text()
    phone.check("#id_p-confirmed_new")  # checked: this is someone new
    phone.fill("#id_p-birth_date", "1979-04-12")
    phone.select_option("#id_c-intake_situation", "116")
    phone.fill("#id_c-life_history", "J'ai grandi à Hochelaga. Je veux un chez-moi.")
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/people/*/")

    case = Case.objects.get(person__family_name="Tremblay-Ouellet")
    assert case.stage == Stage.OPENING
    phone.locator("#section-cases > summary").click()  # the cases are folded under the summary
    phone.locator(f"a[href='/cases/{case.pk}/close/']").click()
    phone.select_option("#id_feels_ready", "ready")
    phone.fill("#id_person_words", text["words"])
    phone.select_option("#id_income", "stable")
    phone.select_option("#id_social_support", "some")
    phone.select_option("#id_substances", "not_a_concern")
    phone.select_option("#id_reason", "ready_mainstream")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the closing form scrolls sideways on a phone"
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/people/*/")

    phone.locator("#section-cases > summary").click()
    assert phone.locator(".case .stage").first.inner_text() == text["closed"]
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    record = case.readiness_records.get()
    assert record.person_words == text["words"]
    assert record.recorded_by == worker


def test_a_case_manager_records_a_home_visit_and_signs_its_report_on_a_phone(live_server, phone):
    from reports.models import Report, ReportTemplate, ReportTemplateVersion

    team = t.make_team(name="Parkdale")
    worker = t.make_user(
        username="aisha", first_name="Aisha", last_name="Mohamed", password="a strong passphrase"
    )
    t.add_member(worker, team=team)
    case = t.make_case(
        team=team, by=worker, primary=worker, given_name="Ray", family_name="Keeshig"
    )
    template = ReportTemplate(program=team.program, name="Home visit")
    template.kinds = ["home_visit"]
    template.save()
    ReportTemplateVersion.objects.create(
        template=template,
        number=1,
        definition={
            "sections": [
                {
                    "title": "How things are",
                    "fields": [
                        {
                            "key": "what_happened",
                            "label": "What happened",
                            "type": "text",
                            "required": True,
                        },
                        {
                            "key": "budget",
                            "label": "Budget made together?",
                            "type": "yesno",
                            "required": True,
                        },
                    ],
                }
            ]
        },
    )

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "aisha")
    phone.fill("#id_password", "a strong passphrase")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")
    phone.get_by_role("link", name="Ray Keeshig").click()
    phone.get_by_role("button", name="Record a contact").click()
    phone.select_option("#id_kind", "home_visit")
    phone.fill("#id_minutes", "45")
    phone.select_option("#id_place", "home")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/reports/*/")

    phone.fill("#id_what_happened", "Sorted the mail; he is proud of the new curtains.")
    phone.wait_for_selector("#save-status:has-text('Draft saved')")
    report = Report.objects.get(contact__case=case)
    assert report.answers == {"what_happened": "Sorted the mail; he is proud of the new curtains."}
    phone.check("#id_budget_0")  # yes
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the report form scrolls sideways on a phone"
    phone.get_by_role("button", name="Sign the report").click()
    phone.wait_for_url("**/people/*/")
    report.refresh_from_db()
    assert report.is_signed and report.answers["budget"] == "yes"
    assert report.signed_by == worker


def test_a_worker_draws_a_tie_writes_a_goal_and_opens_the_persons_copy_in_danish(
    live_server, phone
):
    """Issue 4 at a phone's size: the ecomap redraws with a new tie; a goal in the person's
    own words with two steps; the person's copy in the person's language, not the worker's."""
    from plans.models import ActionStep, Goal

    team = t.make_team(name="Vesterbro")
    worker = t.make_user(
        username="rasmus", first_name="Rasmus", last_name="Nielsen", password="a strong passphrase"
    )
    t.add_member(worker, team=team)
    case = t.make_case(
        team=team,
        by=worker,
        primary=worker,
        given_name="Lene",
        family_name="Holm",
        preferred_language="da",
    )
    person = case.person

    phone.goto(f"{live_server.url}/accounts/sign-in/")
    phone.fill("#id_username", "rasmus")
    phone.fill("#id_password", "a strong passphrase")
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/caseload/")

    phone.goto(f"{live_server.url}/people/{person.pk}/ecomap/")
    assert "Sister Anna" not in phone.locator("svg").first.inner_html()
    phone.locator("details:has(#id_name)").evaluate("d => { d.open = true; }")
    phone.fill("#id_name", "Sister Anna")
    for name, value in (
        ("kind", "family"),
        ("strength", "strong"),
        ("quality", "supportive"),
        ("direction", "both"),
        ("frequency", "weekly"),
    ):
        choice = phone.locator(f"select[name={name}]")
        if choice.count():
            choice.select_option(value)
        else:
            phone.check(f"input[name={name}][value={value}]")
    phone.get_by_role("button", name="Add the tie").click()
    phone.wait_for_load_state()
    assert "Sister Anna" in phone.locator("svg").first.inner_html()

    phone.goto(f"{live_server.url}/cases/{case.pk}/plan/")
    phone.get_by_role("button", name="Write a new goal with the person").click()
    phone.fill("#id_own_words", "Jeg vil have min datter på besøg til jul.")
    phone.fill("#id_what_exactly", "A Christmas visit from her daughter")
    phone.fill("#id_how_we_will_know", "Her daughter stays for dinner")
    phone.select_option("#id_life_area", "network")
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/plan/")
    for owner, text in (
        ("person", "Call her daughter"),
        ("case_manager", "Find a table and two chairs"),
    ):
        phone.get_by_role("button", name="Add a step").first.click()
        phone.fill("#id_description", text)
        phone.check(f"input[name=owner_kind][value={owner}]")
        phone.locator("main form button[type=submit]").last.click()
        phone.wait_for_url("**/plan/")
    goal = Goal.objects.get(plan__case=case)
    assert ActionStep.objects.filter(goal=goal).count() == 2
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the plan scrolls sideways on a phone"

    phone.goto(f"{live_server.url}/cases/{case.pk}/plan/copy/")
    assert phone.locator("html").get_attribute("lang") == "da"
    assert "Jeg vil have min datter på besøg til jul." in phone.content()
