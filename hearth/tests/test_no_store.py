"""A shared or lost phone keeps nothing: every response behind sign-in, on every URL pattern,
says ``Cache-Control: no-store, private`` (issue 12 §3; R35)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from hearth.access import is_public, public
from hearth.middleware import NoStoreMiddleware
from hearth.tests.test_access_walk import ALL_PATTERNS, _ids_for, _url

pytestmark = pytest.mark.django_db


def _stored(response) -> bool:
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return not {"no-store", "private"} <= directives


def _caches_on_purpose(entry, response) -> bool:
    """A public view (an icon) may choose its own caching; nothing else may."""
    view = getattr(entry.callback, "cls", None) or entry.callback
    public = is_public(entry.callback) or is_public(view)
    return public and "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("actor_name", ["alice", "dora"])  # a case manager, a data administrator
def test_no_page_or_api_answer_behind_sign_in_may_be_stored(client, world, actor_name):
    actor = getattr(world, actor_name)
    ids = _ids_for(world.p_icm)  # a person within both actors' reach
    stored = []
    for name, kwargs, entry in ALL_PATTERNS:
        url = _url(name, kwargs, ids)
        client.force_login(actor)  # the walk passes the sign-out URL too
        response = client.get(url)
        if _stored(response) and not _caches_on_purpose(entry, response):
            stored.append(f"{url} ({response.status_code}): {response.get('Cache-Control')!r}")
    assert not stored, "may be kept by the browser:\n" + "\n".join(stored)


def test_an_api_answer_with_a_token_is_not_stored(client, world):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.alice)
    response = client.get(
        reverse("person-detail", args=[world.p_icm.pk]), HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 200
    assert not _stored(response)


def _through_middleware(view, cache_control: str):
    def get_response(request):
        response = HttpResponse("a life history")
        response["Cache-Control"] = cache_control
        return response

    middleware = NoStoreMiddleware(get_response)
    request = RequestFactory().get("/")
    middleware.process_view(request, view, (), {})
    return middleware(request)


def test_a_private_view_asking_to_be_cached_is_replaced_not_merged():
    response = _through_middleware(lambda request: None, "public, max-age=600")
    assert response["Cache-Control"] == "no-store, private"


def test_a_public_view_keeps_the_caching_it_chose():
    response = _through_middleware(public(lambda request: None), "public, max-age=600")
    assert response["Cache-Control"] == "public, max-age=600"


def test_the_sign_in_page_and_errors_are_not_stored_either(client):
    for url in (reverse("accounts:login"), "/no-such-page/"):
        assert not _stored(client.get(url)), url
