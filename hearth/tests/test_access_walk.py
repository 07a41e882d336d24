"""Walk every URL pattern and every API endpoint as the five actors: nobody reaches a person
outside their reach (BRIEF 'who may see what')."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.models import Case, LegalTodo
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


def _ids_for(person):
    """Every kind of id a URL can take, pointing at records of ``person``."""
    case = Case.objects.filter(person=person).select_related("team", "program").first()
    todo = LegalTodo.objects.create(
        case=case, kind="benefits", description="Apply", updated_by=case.opened_by
    )
    membership = Membership.objects.filter(team=case.team).first()
    return {
        "person_id": person.pk,
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

    for person in outside:
        ids = _ids_for(person)
        forbidden_names = _names(person)
        for name, kwargs, _ in ALL_PATTERNS:
            url = _url(name, kwargs, ids)
            for method in ("get", "post"):
                client.force_login(actor)  # the walk passes the sign-out URL too
                response = getattr(client, method)(url)
                body = response.content.decode(errors="replace")
                for text in forbidden_names:
                    assert text not in body, f"{actor_name} saw {text} at {method} {url}"
                if {"person_id", "case_id", "todo_id"} & set(kwargs) or (
                    "pk" in kwargs and name.split("-")[0] in ("person", "case")
                ):
                    assert response.status_code in (403, 404, 405), (
                        f"{actor_name} got {response.status_code} at {method} {url}"
                    )

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
