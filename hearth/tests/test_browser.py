"""A case manager on a phone: sign in, open a case, close it with a readiness record — in two
languages, in Debian's Chromium driven by Playwright."""

import os
import shutil

import pytest

from cases.models import Case, Stage
from hearth import testing as t

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not os.path.exists(CHROMIUM):
    if os.environ.get("HEARTH_REQUIRE_BROWSER"):
        raise RuntimeError(f"Chromium is required for the browser tests: {CHROMIUM} is missing")
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # ordinary synchronous code all the same. Only for these tests, restored afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


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

    phone.get_by_role("link", name=text["open"]).first.click()
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
