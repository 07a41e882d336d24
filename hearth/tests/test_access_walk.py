"""Walk every URL pattern and every API endpoint as the five actors: nobody reaches a person
outside their reach (BRIEF 'who may see what'). ``demo/tests.py`` walks the same way (``walk``
below) over the demo and its own users."""

from collections.abc import Iterable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.models import Case, LegalTodo
from hearth.domain import hooks
from programs.models import Membership

pytestmark = pytest.mark.django_db


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            kwargs = list(entry.pattern.regex.groupindex)
            yield f"{namespace}{entry.name}", kwargs, entry


ALL_PATTERNS = list(_patterns())
# The tools, ecomap and plans apps name their own personal URL arguments and API routes.
_TOOL_APPS = [module for _app, module in hooks("testing")]
# URL arguments that name a person's record: out of reach they must answer 403 or 404.
PERSONAL_ARGUMENTS = {
    "person_id",
    "case_id",
    "todo_id",
    "report_id",
    "contact_id",
    "conference_id",
    "event_id",
    "appointment_id",
    "member_id",
    "identifier_id",
}.union(*(getattr(m, "PERSONAL_ARGUMENTS", set()) for m in _TOOL_APPS))
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {
    "person",
    "case",
    "contact",
    "appointment",
    "crisis",
    "cadence",
    "report",
    "conference",
}.union(*(getattr(m, "PERSONAL_API_BASENAMES", set()) for m in _TOOL_APPS))


def _report_for(case):
    from reports.models import Report, ReportTemplate, ReportTemplateVersion
    from visits.models import Contact

    template = ReportTemplate.objects.create(
        program=case.program, name="Visit", contact_kinds=",home_visit,"
    )
    version = ReportTemplateVersion.objects.create(
        template=template,
        number=1,
        definition={
            "sections": [{"title": "T", "fields": [{"key": "a", "label": "A", "type": "text"}]}]
        },
    )
    contact = Contact.objects.create(
        case=case, kind="home_visit", minutes=30, place="home", recorded_by=case.opened_by
    )
    return Report.objects.create(contact=contact, template_version=version, author=case.opened_by)


def _on_call_shift_for(case, membership):
    """The person's own team has someone on call now; reaching a crisis summary still needs
    it to be the actor's own duty."""
    from datetime import timedelta

    from django.utils import timezone

    from roster.models import Shift

    now = timezone.now()
    return Shift.objects.create(
        team=case.team,
        user=membership.user,
        kind=Shift.Kind.ON_CALL,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=11),
        created_by=case.opened_by,
    )


def _conference_for(case):
    from meetings.models import CaseConference

    return CaseConference.objects.create(
        case=case,
        scheduled_for=case.person.created_at,
        purpose="Think it through",
        created_by=case.opened_by,
    )


def _appointment_for(case):
    from visits.models import Appointment

    appointment = Appointment.objects.create(
        case=case, starts_at=case.person.created_at, created_by=case.opened_by
    )
    appointment.staff.add(case.opened_by)
    return appointment


def _crisis_for(case):
    from visits.models import Crisis

    return Crisis.objects.create(
        case=case, what="Crisis", severity="low", recorded_by=case.opened_by
    )


def _cadence_for(case):
    from visits.models import CadenceAgreement

    return CadenceAgreement.objects.create(case=case, interval_days=14, agreed_by=case.opened_by)


def _meeting_for(case):
    from django.utils import timezone

    from meetings.models import MeetingEntry, TeamMeeting

    # Today's meeting of the team: two persons of one team walked share it.
    meeting, _ = TeamMeeting.objects.get_or_create(
        team=case.team, on=timezone.localdate(), defaults={"saved_by": case.opened_by}
    )
    MeetingEntry.objects.get_or_create(
        meeting=meeting, case=case, defaults={"line": "Line", "reviewed": True}
    )
    return meeting


def _tenancy_event_for(case):
    from housing.models import Tenancy, TenancyEvent

    tenancy = Tenancy.objects.create(
        person=case.person, started_on=case.opened_on, recorded_by=case.opened_by
    )
    return TenancyEvent.objects.create(
        tenancy=tenancy, kind="home_at_risk", recorded_by=case.opened_by
    )


def _household_member_for(person):
    from people.models import HouseholdMember

    return HouseholdMember.objects.create(person=person, relationship="sibling", name="Sam")


def _identifier_for(person):
    import random

    from demo.identifiers import sin
    from people.models import NationalIdentifier

    # A demo person may have one already (one of each kind per person).
    return NationalIdentifier.objects.filter(person=person).first() or (
        NationalIdentifier.objects.create(
            person=person,
            kind="ca_sin",
            value=sin(random.Random(person.pk)),  # valid, and different for each person
            organisation=person.organisation,
        )
    )


def _ids_for(person):
    """Every kind of id a URL can take, pointing at records of ``person``."""
    case = Case.objects.filter(person=person).select_related("team", "program").first()
    todo = LegalTodo.objects.create(
        case=case, kind="benefits", description="Apply", updated_by=case.opened_by
    )
    membership = Membership.objects.filter(team=case.team).first()
    report = _report_for(case)
    shift = _on_call_shift_for(case, membership)
    conference = _conference_for(case)
    appointment = _appointment_for(case)
    tool_ids: dict = {}
    for module in _TOOL_APPS:
        if hasattr(module, "walk_ids"):
            tool_ids |= module.walk_ids(case)
    return tool_ids | {
        "report_id": report.pk,
        "contact_id": report.contact_id,
        "conference_id": conference.pk,
        "template_id": report.template_version.template_id,
        "token": "not-a-feed-token",
        "person_id": person.pk,
        "member_id": _household_member_for(person).pk,
        "identifier_id": _identifier_for(person).pk,
        "event_id": _tenancy_event_for(case).pk,
        "case_id": case.pk,
        "todo_id": todo.pk,
        "team_id": case.team_id,
        "program_id": case.program_id,
        "organisation_id": case.program.organisation_id,
        "membership_id": membership.pk,
        "user_id": membership.user_id,
        "format": "json",
        # API detail routes: the router's "pk" is the id of the route's own kind.
        "pk:person": person.pk,
        "pk:case": case.pk,
        "pk:team": case.team_id,
        "pk:program": case.program_id,
        "pk:staff": membership.pk,
        "shift_id": shift.pk,
        "pk:shift": shift.pk,
        "pk:contact": report.contact_id,
        "pk:appointment": appointment.pk,
        "appointment_id": appointment.pk,
        "pk:crisis": _crisis_for(case).pk,
        "pk:cadence": _cadence_for(case).pk,
        "pk:report": report.pk,
        "pk:meeting": _meeting_for(case).pk,
        "pk:conference": conference.pk,
    }


def _url(name, kwargs, ids):
    values = {}
    for key in kwargs:
        if key == "pk":
            basename = name.split("-")[0]
            values[key] = ids[f"pk:{basename}"]
        else:
            assert key in ids, f"access walk does not know URL argument {key!r} of {name}"
            values[key] = ids[key]
    return reverse(name, kwargs=values)


def _names(person):
    return [person.given_name, person.family_name]


# Arguments that name nothing of a person's: a page with only these is the same whoever the
# walk is about, so it is walked once per actor, after every outside person's records exist.
SHARED_ARGUMENTS = {"format"}


def walk(client, actor, label: str, outside: dict, *, also_forbidden: Iterable[str] = ()) -> None:
    """Walk every pattern with GET and POST as ``actor``: with the ids of each person of
    ``outside`` (person → the words of theirs the actor must never read), nothing of theirs is
    shown and a personal URL answers 403, 404 or 405; every page that names no record, walked
    once, shows none of them nor any of ``also_forbidden``."""
    every, ids = [*also_forbidden], {}
    for person, forbidden in outside.items():
        every += forbidden
        ids = _ids_for(person)
        _walk(client, actor, label, ids, forbidden, shared=False)
    _walk(client, actor, label, ids, every, shared=True)


def _walk(client, actor, label: str, ids: dict, forbidden: list[str], *, shared: bool) -> None:
    for name, kwargs, _ in ALL_PATTERNS:
        if shared != (set(kwargs) <= SHARED_ARGUMENTS):
            continue
        url = _url(name, kwargs, ids)
        for method in ("get", "post"):
            client.force_login(actor)  # the walk passes the sign-out URL too
            response = getattr(client, method)(url)
            body = response.content.decode(errors="replace")
            for text in forbidden:
                assert text not in body, f"{label} saw {text} at {method} {url}"
            if PERSONAL_ARGUMENTS & set(kwargs) or (
                "pk" in kwargs and name.split("-")[0] in PERSONAL_API_BASENAMES
            ):
                assert response.status_code in (403, 404, 405), (
                    f"{label} got {response.status_code} at {method} {url}"
                )


def test_the_walk_covers_the_whole_urlconf():
    names = {name for name, _, _ in ALL_PATTERNS}
    for expected in [
        "people:detail",
        "cases:my_caseload",
        "cases:close",
        "programs:detail",
        "person-list",
        "case-detail",
        "case-close",
        "team-list",
        "staff-list",
        "api-schema",
        "healthz",
    ]:
        assert expected in names


@pytest.mark.parametrize(
    "actor_name", ["icm_case_manager", "act_member", "team_lead", "program_manager", "outsider"]
)
def test_no_actor_reaches_a_person_outside_their_reach(client, world, actor_name):
    actor = world.actors[actor_name]
    client.force_login(actor)
    reach = world.reach(actor)
    outside = [p for p in world.everyone if p.pk not in reach]
    inside = [p for p in world.everyone if p.pk in reach]
    assert outside and inside

    walk(client, actor, actor_name, {person: _names(person) for person in outside})

    # And the lists they can open show their own people (the walk is not vacuous).
    response = client.get(reverse("people:list"))
    for person in inside:
        assert person.family_name in response.content.decode()
    api = client.get(reverse("person-list")).json()
    assert {p["id"] for p in api["results"]} == reach


def test_every_page_needs_a_signed_in_user(client, world):
    ids = _ids_for(world.p_icm)
    for name, kwargs, entry in ALL_PATTERNS:
        url = _url(name, kwargs, ids)
        response = client.get(url)
        if getattr(entry.callback, "hearth_public", False):
            continue
        assert response.status_code in (302, 401, 403, 405), f"{url} answered anonymously"
        if response.status_code == 302:
            assert "/accounts/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    "actor_name", ["icm_case_manager", "act_member", "team_lead", "program_manager", "outsider"]
)
def test_every_api_list_holds_only_records_within_reach(client, world, actor_name):
    actor = world.actors[actor_name]
    reach = world.reach(actor)
    for person in world.everyone:
        _ids_for(person)  # a record of every kind for everyone, in reach or not
    from visits.models import Contact

    reach_cases = set(Case.objects.filter(person_id__in=reach).values_list("pk", flat=True))
    client.force_login(actor)
    lists = [name for name, kwargs, _ in ALL_PATTERNS if name.endswith("-list") and not kwargs]
    assert "contact-list" in lists and "report-list" in lists
    for name in lists:
        items = client.get(reverse(name)).json()["results"]
        for item in items:
            if name == "person-list":
                assert item["id"] in reach, f"{actor_name}: person {item['id']} in {name}"
            if "case" in item:
                assert item["case"] in reach_cases, f"{actor_name}: case {item} in {name}"
            if "person" in item:
                assert item["person"] in reach, f"{actor_name}: person in {name}"
            if "contact" in item:
                assert Contact.objects.get(pk=item["contact"]).case_id in reach_cases
            for entry in item.get("entries", []):
                assert entry["case"] in reach_cases, f"{actor_name}: meeting entry in {name}"
