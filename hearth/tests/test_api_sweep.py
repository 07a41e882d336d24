"""Every API endpoint, as every actor, by every method, with bodies it does not expect: no
answer is a server error, and every refusal is JSON with a message (issue 12 §1, R39).

The endpoints come from the URL resolver (every DRF view under /api/v1/, the router's and the
apps' alike) and their fields and query parameters from the OpenAPI schema, so a new endpoint or
field is swept without editing this test; the ids of records come from the access walk. Each
write goes out with ``{}``, an empty body, malformed JSON, a JSON array and a bad If-Match
header, then once per kind of wrong value with every field of the schema set to it: the wrong
type for the field (a word for a number, a number for a text, an impossible date for a date),
null, an object, a list, a huge number or a 100,000-character text. The fields that took a
wrong value without complaint are sent it again on top of a body the endpoint accepts (the
record's own version, or its current representation), so the value reaches the code behind the
field checks. Lists and reads get wrong query values ("²", a 30-digit number, a bad date)."""

import json
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

import pytest
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.views import APIView

from hearth.tests.test_access_walk import ALL_PATTERNS, _ids_for, _url

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete", "options")
WRITES = ("post", "put", "patch")

DATES = ("date", "date-time")


def _number(kind: str, fmt: str) -> bool:
    return kind in ("integer", "number", "boolean") or fmt == "decimal"


def _swapped(kind: str, fmt: str):
    """The wrong type for a field of the schema: a word for a number, a number for a text, an
    impossible date for a date."""
    if _number(kind, fmt) or kind in ("array", "object"):
        return "seven"
    return "2024-02-30" if fmt in DATES else 7


def _too_big(kind: str, fmt: str):
    return 10**30 if _number(kind, fmt) or fmt in DATES else "x" * 100_000


# Each kind of wrong value, made for a field from its schema (type, format).
WRONG_VALUES = {
    "wrong type": _swapped,
    "null": lambda kind, fmt: None,
    "object": lambda kind, fmt: {"key": "value"},
    "list": lambda kind, fmt: [1, "two"],
    "huge number or long text": _too_big,
}
# …and as a query string can carry them: a non-ASCII digit, a number no id can be.
WRONG_QUERY_VALUES = {
    "wrong type": lambda kind, fmt: "2024-02-30" if fmt in DATES else "²",
    "huge number or long text": lambda kind, fmt: "9" * 30 if _number(kind, fmt) else "x" * 5_000,
}

# Bodies that are not what any endpoint expects: (name, raw body).
ODD_BODIES = [
    ("{}", "{}"),
    ("empty body", ""),
    ("malformed JSON", '{"version": 1,'),
    ("JSON array", '[{"version": 1}, 2]'),
]


def _api_patterns():
    for name, kwargs, entry in ALL_PATTERNS:
        view = getattr(entry.callback, "cls", None)
        # The router's ".json" suffix routes are the same views again.
        if view is not None and issubclass(view, APIView) and "format" not in kwargs:
            yield name, kwargs, entry


API_PATTERNS = list(_api_patterns())
API_NAMES = {name for name, _kwargs, _entry in API_PATTERNS}


@dataclass
class Operation:
    """One method of one schema path: its query parameters and the fields of its body."""

    path: str
    method: str
    query: dict[str, tuple[str, str]] = field(default_factory=dict)  # name: (type, format)
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def regex(self) -> re.Pattern:
        return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(self.path)) + "$")


def _resolved(schema: dict, components: dict) -> dict:
    """A schema with its reference (a component, or the first of allOf / oneOf) followed."""
    for part in (schema, *schema.get("allOf", []), *schema.get("oneOf", [])):
        if "$ref" in part:
            return components[part["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type(schema: dict, components: dict) -> tuple[str, str]:
    if "type" not in schema:
        schema = _resolved(schema, components)
    return schema.get("type", "string"), schema.get("format", "")


def _properties(schema: dict, components: dict) -> dict[str, tuple[str, str]]:
    properties = _resolved(schema, components).get("properties", {})
    return {name: _type(prop, components) for name, prop in properties.items()}


@cache
def _operations() -> tuple[Operation, ...]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    operations = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {})
            body_schema = next(iter(body.values()), {}).get("schema", {})
            operations.append(
                Operation(
                    path=path,
                    method=method,
                    query={
                        p["name"]: _type(p.get("schema", {}), components)
                        for p in op.get("parameters", [])
                        if p["in"] == "query"
                    },
                    fields=_properties(body_schema, components),
                )
            )
    return tuple(operations)


def _operation(url: str, method: str) -> Operation | None:
    """The schema's operation for a URL: the most literal path that matches it
    (``/shifts/coverage/`` rather than ``/shifts/{id}/``)."""
    path = url.split("?")[0]
    matches = [
        op for op in _operations() if op.method == method and op.regex.match(path) is not None
    ]
    return min(matches, key=lambda op: op.path.count("{"), default=None)


def _allowed(entry, method: str) -> bool:
    view = entry.callback.cls
    if method not in view.http_method_names:
        return False
    actions = getattr(entry.callback, "actions", None)
    if actions is not None:
        return method in actions or method == "options"
    return hasattr(view, method)


def _has_message(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_message(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_message(v) for v in value)
    return False


class Sweep:
    def __init__(self, client, actor_name: str, token: str):
        self.client = client
        self.auth = {"Authorization": f"Token {token}"}  # as API clients sign in
        self.actor_name = actor_name
        self.failures: list[str] = []
        self.causes: Counter = Counter()
        self.requests = 0

    def send(self, name: str, method: str, url: str, body=None, *, raw=None, headers=None):
        """One request; a server error or a refusal without a JSON message is a failure."""
        self.requests += 1
        label = f"{self.actor_name} {method.upper()} {url} ({name})"
        kwargs = {"headers": self.auth | (headers or {})}
        if method in ("post", "put", "patch", "delete"):
            kwargs["content_type"] = "application/json"
            kwargs["data"] = raw if raw is not None else json.dumps(body)
        try:
            # A savepoint per request: a database error in one leaves the next ones working.
            with transaction.atomic():
                response = getattr(self.client, method)(url, **kwargs)
        except Exception as exc:  # the test client re-raises what the view raised
            frames = traceback.extract_tb(exc.__traceback__)
            frame = [f for f in frames if "-packages" not in f.filename][-1]
            where = "/".join(frame.filename.split("/")[-2:])
            cause = f"{type(exc).__name__} in {where}:{frame.lineno} ({frame.name})"
            self.causes[cause] += 1
            self.failures.append(f"{label}: {cause}: {str(exc)[:200]}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{label}: {response.status_code}")
        elif response.status_code >= 400:
            try:
                content = response.json()
            except ValueError:
                content = None
            if not _has_message(content):
                self.failures.append(f"{label}: {response.status_code} without a JSON message")
        return response

    def base(self, detail_url: str | None) -> dict:
        """The record as it stands now (a body its own endpoint accepts), or nothing."""
        if detail_url is None:
            return {}
        response = self.client.get(detail_url, headers=self.auth)
        if response.status_code != 200 or "json" not in response.get("Content-Type", ""):
            return {}
        data = response.json()
        return data if isinstance(data, dict) else {}

    def write(self, method, url, operation: Operation | None, detail_url: str | None, *, creates):
        answers = [self.send(body_name, method, url, raw=raw) for body_name, raw in ODD_BODIES]
        if not creates:
            self.send("bad If-Match", method, url, {}, headers={"If-Match": 'W/"x", *'})
        fields = operation.fields if operation else {}
        # Refused before the body is read (no access, no such record here): nothing more to try.
        if not fields or answers[0] is None or answers[0].status_code in (401, 403, 404, 405):
            return
        current = self.base(detail_url)
        version = {"version": current["version"]} if "version" in current else {}
        # PUT and a create start from the record as it stands; PATCH and actions from its version.
        if method == "put" or creates:
            start = {k: v for k, v in current.items() if k != "id"}
        else:
            start = dict(version)
        for kind, make in WRONG_VALUES.items():
            wrong = {name: make(*types) for name, types in fields.items()}
            response = self.send(f"every field {kind}", method, url, wrong)
            if response is None or response.status_code != 400:
                continue
            refused = response.json()
            taken = [f for f in fields if not isinstance(refused, dict) or f not in refused]
            if not taken:
                continue
            body = start | {name: wrong[name] for name in taken}
            response = self.send(f"{', '.join(taken)}: {kind}", method, url, body)
            if response is not None and response.status_code < 300 and "version" in start:
                start = start | {"version": self.base(detail_url).get("version")}

    def endpoint(self, name: str, kwargs: list[str], entry, ids: dict):
        url = _url(name, kwargs, ids)
        # The record the route is about (a detail route's own, or one of a list's kind).
        detail_name = f"{name.split('-')[0]}-detail"
        detail_url = None
        if detail_name in API_NAMES and f"pk:{name.split('-')[0]}" in ids:
            detail_url = _url(detail_name, ["pk"], ids)
        for method in METHODS:
            operation = _operation(url, method)
            if not _allowed(entry, method):
                continue
            if method in WRITES:
                creates = method == "post" and "pk" not in kwargs
                self.write(method, url, operation, detail_url, creates=creates)
            elif method == "get" and operation and operation.query:
                self.send("plain", method, url)
                for kind, make in WRONG_QUERY_VALUES.items():
                    query = urlencode({p: make(*t) for p, t in operation.query.items()})
                    self.send(f"query {kind}", method, f"{url}?{query}")
            else:
                self.send("plain", method, url, {} if method == "delete" else None)


ACTORS = [
    "icm_case_manager",
    "act_member",
    "team_lead",
    "program_manager",
    "data_administrator",
    "outsider",
]


def _report(sweep: Sweep) -> str:
    summary = "\n".join(f"{n} × {cause}" for cause, n in sweep.causes.most_common())
    return f"{len(sweep.failures)} of {sweep.requests} answers failed:\n{summary}\n" + "\n".join(
        sweep.failures[:60]
    )


@pytest.mark.parametrize("actor_name", ACTORS)
def test_no_api_endpoint_answers_a_server_error_to_odd_input(client, world, actor_name):
    actor = world.actors.get(actor_name, world.dora)
    # A person within the actor's reach: their records get past the reach check to the rules.
    reach = world.reach(actor) if actor in world.actors.values() else {world.p_icm.pk}
    ids = _ids_for(next(p for p in world.everyone if p.pk in reach))
    sweep = Sweep(client, actor_name, Token.objects.create(user=actor).key)
    for name, kwargs, entry in API_PATTERNS:
        sweep.endpoint(name, kwargs, entry, ids)
    assert not sweep.failures, _report(sweep)


def test_a_method_an_endpoint_does_not_allow_answers_405_in_json(client, world):
    ids = _ids_for(world.p_icm)
    sweep = Sweep(client, "icm_case_manager", Token.objects.create(user=world.alice).key)
    refused = 0
    for name, kwargs, entry in API_PATTERNS:
        url = _url(name, kwargs, ids)
        for method in METHODS:
            if not _allowed(entry, method):
                response = sweep.send("not allowed", method, url, {})
                refused += 1
                assert response is None or response.status_code == 405, (method, url)
    assert refused > 100
    assert not sweep.failures, _report(sweep)


def test_the_sweep_covers_every_operation_of_the_schema(world):
    """Every path and method the OpenAPI schema documents is an endpoint the sweep sends to."""
    ids = _ids_for(world.p_icm)
    swept = set()
    for name, kwargs, entry in API_PATTERNS:
        url = _url(name, kwargs, ids)
        for method in METHODS:
            operation = _operation(url, method)
            if operation is not None and _allowed(entry, method):
                swept.add((operation.path, operation.method))
    documented = {(op.path, op.method) for op in _operations()}
    assert documented - swept == set()
    assert len(documented) > 150
