"""Visit reports (R9, R10): templates as versioned data, drafts, signing, addenda, PDFs."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Case
from hearth.concurrency import StaleEdit
from reports.definition import validate
from reports.models import Report, ReportTemplate, ReportTemplateVersion
from reports.workflow import add_addendum, report_for_new_contact, save_draft, sign
from visits.models import Contact

pytestmark = pytest.mark.django_db

DEFINITION = {
    "sections": [
        {
            "title": "The home",
            "fields": [
                {
                    "key": "home",
                    "label": "How is the home organised?",
                    "type": "text",
                    "required": True,
                },
                {"key": "mood", "label": "How do they feel today?", "type": "scale"},
            ],
        },
        {
            "title": "Money",
            "fields": [
                {"key": "budget", "label": "Budget made?", "type": "yesno", "required": True},
                {
                    "key": "priorities",
                    "label": "Priorities",
                    "type": "checklist",
                    "choices": ["Food", "Rent", "Phone"],
                },
            ],
        },
    ]
}


def _template(program, *, kinds=("home_visit",), first_visit_only=False, definition=None):
    template = ReportTemplate(program=program, name="Home visit", first_visit_only=first_visit_only)
    template.kinds = kinds
    template.save()
    ReportTemplateVersion.objects.create(
        template=template, number=1, definition=definition or DEFINITION
    )
    return template


def _contact(case, user, kind="home_visit"):
    contact = Contact.objects.create(
        case=case, kind=kind, minutes=45, place="home", recorded_by=user
    )
    contact.staff.add(user)
    return contact


@pytest.fixture
def report(world):
    case = Case.objects.get(person=world.p_icm)
    _template(case.program)
    return report_for_new_contact(_contact(case, world.alice), author=world.alice)


def test_a_template_definition_is_checked_before_it_is_used():
    assert validate(DEFINITION) == []
    problems = validate(
        {
            "sections": [
                {
                    "title": "X",
                    "fields": [
                        {"key": "Bad Key", "label": "", "type": "essay"},
                        {"key": "c", "label": "C", "type": "choice", "choices": ["only one"]},
                    ],
                }
            ]
        }
    )
    assert len(problems) == 4


def test_a_home_visit_starts_a_draft_on_the_programs_current_template(report):
    assert report.status == "draft"
    assert report.template_version.number == 1


def test_the_first_home_visit_gets_the_first_visit_template(world):
    case = Case.objects.get(person=world.p_icm)
    _template(case.program)
    first = _template(case.program, first_visit_only=True)
    r1 = report_for_new_contact(_contact(case, world.alice), author=world.alice)
    assert r1.template_version.template == first
    r2 = report_for_new_contact(_contact(case, world.alice), author=world.alice)
    assert r2.template_version.template != first


def test_an_old_report_keeps_the_template_version_it_was_written_on(client, world, report):
    program = report.contact.case.program
    client.force_login(world.dora)
    template = report.template_version.template
    edited = {**DEFINITION, "sections": DEFINITION["sections"][:1]}
    import json

    response = client.post(
        reverse("reports:template_edit", args=[template.pk]),
        {
            "name": "Home visit",
            "kinds": ["home_visit"],
            "is_active": "on",
            "definition": json.dumps(edited),
        },
    )
    assert response.status_code == 302
    assert template.versions.count() == 2
    report.refresh_from_db()
    assert report.template_version.number == 1
    assert program.report_templates.get().current.number == 2


def test_a_draft_is_saved_as_the_worker_types_and_a_stale_save_is_refused(client, world, report):
    client.force_login(world.alice)
    url = reverse("reports:draft", args=[report.pk])
    first = client.post(
        url, {"version": 0, "home": "Kitchen sorted"}, headers={"HX-Request": "true"}
    )
    assert "Draft saved" in first.content.decode()
    second = client.post(
        url, {"version": 0, "home": "Someone else's words"}, headers={"HX-Request": "true"}
    )
    assert "Someone else changed" in second.content.decode()
    report.refresh_from_db()
    assert report.answers == {"home": "Kitchen sorted"}
    assert report.version == 1


def test_signing_needs_the_required_answers(report, world):
    with pytest.raises(ValidationError) as error:
        sign(report, answers={"home": "Tidy"}, by=world.alice, expected_version=0)
    assert "Budget made?" in str(error.value)
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_signed_report_is_never_edited_only_amended(report, world):
    sign(report, answers={"home": "Tidy", "budget": "yes"}, by=world.alice, expected_version=0)
    with pytest.raises(ValidationError):
        save_draft(report, answers={"home": "Changed"}, expected_version=report.version)
    addendum = add_addendum(report, text="Forgot: the fridge works now.", by=world.tina)
    report.refresh_from_db()
    assert report.answers["home"] == "Tidy"
    assert report.addenda.get() == addendum


def test_two_people_signing_the_same_draft_the_second_is_refused(report, world):
    answers = {"home": "Tidy", "budget": "no"}
    sign(report, answers=answers, by=world.alice, expected_version=0)
    with pytest.raises((StaleEdit, ValidationError)):
        sign(report, answers=answers, by=world.tina, expected_version=0)
    report.refresh_from_db()
    assert report.signed_by == world.alice


def test_signing_through_the_page(client, world, report):
    client.force_login(world.alice)
    response = client.post(
        reverse("reports:sign", args=[report.pk]),
        {
            "version": 0,
            "home": "Tidy",
            "budget": "yes",
            "mood": "4",
            "priorities": ["Food", "Rent"],
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_signed
    assert report.answers == {
        "home": "Tidy",
        "budget": "yes",
        "mood": "4",
        "priorities": ["Food", "Rent"],
    }


def test_a_visit_without_a_report_shows_as_report_missing(client, world):
    case = Case.objects.get(person=world.p_icm)
    _template(case.program)
    _contact(case, world.alice)
    for user in (world.alice, world.tina):
        client.force_login(user)
        due = client.get(reverse("visits:due")).context["due"]
        assert len(due.missing_reports) == 1
    body = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "report missing" in body


def test_a_report_and_a_case_summary_print_as_pdf(client, world, report):
    sign(
        report,
        answers={"home": "Cuisine rangée — très bien", "budget": "yes"},
        by=world.alice,
        expected_version=0,
    )
    client.force_login(world.alice)
    pdf = client.get(reverse("reports:pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    summary = client.get(reverse("reports:case_summary", args=[report.contact.case_id]))
    assert summary.content.startswith(b"%PDF")


def test_a_contact_of_a_kind_without_template_has_no_report(world):
    case = Case.objects.get(person=world.p_icm)
    _template(case.program, kinds=("home_visit",))
    assert report_for_new_contact(_contact(case, world.alice, "phone"), author=world.alice) is None
    assert Report.objects.count() == 0


def test_recording_a_home_visit_opens_its_report(client, world):
    case = Case.objects.get(person=world.p_icm)
    _template(case.program)
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:contact_add", args=[case.pk]),
        {
            "on": date.today().isoformat(),
            "kind": "home_visit",
            "staff": [world.alice.pk],
            "minutes": "45",
            "place": "home",
            "face_to_face": "on",
        },
    )
    assert response["Location"] == reverse("reports:edit", args=[Report.objects.get().pk])


def test_the_api_saves_a_draft_signs_it_and_answers_409_on_a_stale_version(client, world, report):
    client.force_login(world.alice)
    base = f"/api/v1/reports/{report.pk}/"
    assert (
        client.post(
            base + "draft/",
            {"version": 0, "answers": {"home": "Tidy"}},
            content_type="application/json",
        ).status_code
        == 200
    )
    stale = client.post(
        base + "draft/",
        {"version": 0, "answers": {"home": "Other"}},
        content_type="application/json",
    )
    assert stale.status_code == 409
    unknown = client.post(
        base + "draft/", {"version": 1, "answers": {"nope": "x"}}, content_type="application/json"
    )
    assert unknown.status_code == 400
    signed = client.post(
        base + "sign/",
        {"version": 1, "answers": {"home": "Tidy", "budget": "yes"}},
        content_type="application/json",
    )
    assert signed.json()["status"] == "signed"
    added = client.post(
        base + "addenda/", {"text": "Called back later."}, content_type="application/json"
    )
    assert added.status_code == 201
    assert added.json()["addenda"][0]["text"] == "Called back later."


def test_the_draft_status_ends_with_the_times_own_full_stop(client, world, report):
    """English times end in "a.m." or "p.m.": "Draft saved at 5:29 a.m.." had two stops."""
    import re
    from datetime import UTC, datetime

    import time_machine

    client.force_login(world.alice)
    at = datetime.now(UTC).replace(hour=15, minute=29)  # a.m. or p.m. in every zone, never noon
    with time_machine.travel(at, tick=False):
        response = client.post(
            reverse("reports:draft", args=[report.pk]),
            {"version": 0, "home": "Kitchen sorted"},
            headers={"HX-Request": "true"},
        )
    status = re.search(r'id="save-status"[^>]*>(.*?)</p>', response.content.decode()).group(1)
    assert re.fullmatch(r"Draft saved at \d{1,2}:29 [ap]\.m\.", status), status


def test_a_report_answer_of_100000_characters_is_refused_through_the_api(client, world, report):
    """Issue 12 §2: a text answer holds at most 20,000 characters, in the API as in the form."""
    client.force_login(world.alice)
    response = client.post(
        reverse("report-draft", args=[report.pk]),
        {"version": 0, "answers": {"home": "x" * 100_000}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "“How is the home organised?” is too long: at most 20,000 characters" in str(
        response.json()
    )
    report.refresh_from_db()
    assert report.answers == {}


def test_the_report_form_refuses_the_same_answer(client, world, report):
    client.force_login(world.alice)
    response = client.post(
        reverse("reports:sign", args=[report.pk]),
        {"version": 0, "home": "x" * 100_000, "budget": "yes"},
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_draft_too_long_to_save_says_which_answer_as_the_worker_types(client, world, report):
    client.force_login(world.alice)
    response = client.post(
        reverse("reports:draft", args=[report.pk]),
        {"version": 0, "home": "x" * 20_001},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "Not saved" in body and "How is the home organised?" in body
    assert "at most 20000 characters" in body
    report.refresh_from_db()
    assert report.answers == {}
