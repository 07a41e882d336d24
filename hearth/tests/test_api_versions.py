"""The version a client read, in one place for the whole API (issue 12 §1): ``version`` in the
body or the ``If-Match`` header, required by every update, partial ones too; ``ETag`` on reads
and updates; a stale version answers 409 from the body and 412 from If-Match."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from hearth.concurrency import STALE_MESSAGE
from hearth.tests.test_access_walk import ALL_PATTERNS, _ids_for, _url
from housing.situations import Situation

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _partial_updates():
    """Every API route that takes PATCH, from the URL resolver."""
    for name, kwargs, entry in ALL_PATTERNS:
        actions = getattr(entry.callback, "actions", None) or {}
        view = getattr(entry.callback, "cls", None)
        if "patch" in actions and "format" not in kwargs and "patch" in view.http_method_names:
            yield name


PARTIAL_UPDATES = sorted(_partial_updates())


def _editor(client, world, url):
    """The first actor allowed to change the record (case worker, lead, manager, data admin)."""
    for actor in (world.alice, world.tina, world.pam, world.dora):
        client.force_login(actor)
        tag = client.get(url)["ETag"]
        if client.patch(url, "{}", content_type=JSON, headers={"If-Match": tag}).status_code < 300:
            return actor
    raise AssertionError(f"nobody may change {url}")


def test_every_partial_update_of_the_api_is_found():
    assert {"person-detail", "directory_resource-detail", "tie-detail"} <= set(PARTIAL_UPDATES)
    assert len(PARTIAL_UPDATES) >= 18


@pytest.mark.parametrize("name", PARTIAL_UPDATES)
def test_a_partial_update_without_a_version_is_refused_with_400(client, world, name):
    url = _url(name, ["pk"], _ids_for(world.p_icm))
    client.force_login(world.alice)
    before = client.get(url).json()
    for body in ("{}", ""):
        response = client.patch(url, body, content_type=JSON)
        assert response.status_code == 400, (url, response.content)
        assert "If-Match" in response.json()["version"][0]
    assert client.get(url).json() == before


@pytest.mark.parametrize("name", PARTIAL_UPDATES)
def test_a_partial_update_takes_the_version_as_if_match_and_answers_the_new_etag(
    client, world, name
):
    url = _url(name, ["pk"], _ids_for(world.p_icm))
    client.force_login(_editor(client, world, url))
    read = client.get(url)
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'

    updated = client.patch(url, "{}", content_type=JSON, headers={"If-Match": read["ETag"]})
    assert updated.status_code == 200, updated.content
    assert updated["ETag"] == f'"{version + 1}"' == f'"{updated.json()["version"]}"'

    stale = client.patch(url, "{}", content_type=JSON, headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert stale.json() == {"detail": str(STALE_MESSAGE)}
    stale_body = client.patch(url, {"version": version}, content_type=JSON)
    assert stale_body.status_code == 409
    assert stale_body.json() == {"detail": str(STALE_MESSAGE)}
    assert client.get(url).json()["version"] == version + 1


def test_a_put_takes_if_match_too(client, world):
    client.force_login(world.alice)
    url = reverse("person-detail", args=[world.p_icm.pk])
    read = client.get(url)
    body = {k: v for k, v in read.json().items() if k != "version"} | {"preferred_name": "Imo"}
    response = client.put(url, body, content_type=JSON, headers={"If-Match": read["ETag"]})
    assert response.status_code == 200, response.content
    assert response.json()["preferred_name"] == "Imo"
    again = client.put(url, body, content_type=JSON, headers={"If-Match": read["ETag"]})
    assert again.status_code == 412


def test_the_body_and_if_match_must_agree(client, world):
    client.force_login(world.alice)
    url = reverse("person-detail", args=[world.p_icm.pk])
    version = client.get(url).json()["version"]
    disagree = client.patch(
        url,
        {"version": version, "preferred_name": "Imo"},
        content_type=JSON,
        headers={"If-Match": f'"{version + 1}"'},
    )
    assert disagree.status_code == 400
    assert "version" in disagree.json()
    agree = client.patch(
        url,
        {"version": version, "preferred_name": "Imo"},
        content_type=JSON,
        headers={"If-Match": f'"{version}"'},
    )
    assert agree.status_code == 200


@pytest.mark.parametrize("if_match", ["*", 'W/"0"', "0", '"0", "1"', '"x"', '"99999999999"'])
def test_an_if_match_that_is_not_one_etag_of_ours_is_refused_with_400(client, world, if_match):
    client.force_login(world.alice)
    url = reverse("person-detail", args=[world.p_icm.pk])
    response = client.patch(
        url, {"preferred_name": "Imo"}, content_type=JSON, headers={"If-Match": if_match}
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()["version"][0]


def test_a_case_action_takes_if_match_and_a_stale_one_answers_412(client, world):
    client.force_login(world.alice)
    case = world.p_icm.cases.get()
    read = client.get(reverse("case-detail", args=[case.pk]))
    url = reverse("case-move-in", args=[case.pk])
    body = {"on": str(case.opened_on), "code": Situation.RENTAL_SUBSIDY.value}
    stale = client.post(url, body, content_type=JSON, headers={"If-Match": '"41"'})
    assert stale.status_code == 412
    assert stale.json() == {"detail": str(STALE_MESSAGE)}
    moved = client.post(url, body, content_type=JSON, headers={"If-Match": read["ETag"]})
    assert moved.status_code == 200, moved.content
    case.refresh_from_db()
    assert moved["ETag"] == f'"{case.version}"' and case.moved_in_on is not None


def test_an_action_without_a_version_says_it_is_required(client, world):
    client.force_login(world.alice)
    case = world.p_icm.cases.get()
    response = client.post(
        reverse("case-move-in", args=[case.pk]),
        {"on": str(case.opened_on), "code": Situation.RENTAL_SUBSIDY.value},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()["version"][0]


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _header_names(operation):
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


def test_the_schema_documents_if_match_412_and_etag_on_updates(schema):
    patch = schema["paths"]["/api/v1/persons/{id}/"]["patch"]
    assert "If-Match" in _header_names(patch)
    assert {"200", "409", "412"} <= set(patch["responses"])
    assert "ETag" in patch["responses"]["200"]["headers"]
    read = schema["paths"]["/api/v1/persons/{id}/"]["get"]
    assert "ETag" in read["responses"]["200"]["headers"]
    assert "If-Match" in _header_names(schema["paths"]["/api/v1/cases/{id}/move-in/"]["post"])
    assert "If-Match" not in _header_names(schema["paths"]["/api/v1/persons/"]["post"])


def test_every_operation_that_takes_a_version_documents_if_match(schema):
    components = schema["components"]["schemas"]
    taking = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            ref = content.get(JSON, {}).get("schema", {}).get("$ref", "")
            properties = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
            creates = method == "post" and "{id}" not in path
            if "version" in properties and not creates:
                taking.append((path, method))
                assert "If-Match" in _header_names(operation), (method, path)
    assert len(taking) >= 30
