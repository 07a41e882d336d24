"""One concurrency path (hearth.concurrency): the locked current row or the stale edit, and one
answer to a stale edit in the API (R2's "two people editing the same record")."""

import ast
from pathlib import Path

import pytest
from django.forms.models import model_to_dict
from rest_framework.test import APIRequestFactory

from hearth.api import exception_handler
from hearth.concurrency import StaleEdit, lock_current
from people.forms import PersonForm
from people.models import Person

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_locked_row_is_the_record_as_stored_not_as_the_caller_changed_it(world):
    person = Person.objects.get(pk=world.p_icm.pk)
    person.given_name = "Typed but not saved"
    current = lock_current(person, person.version)
    assert current is not person
    assert current.given_name == world.p_icm.given_name
    assert current.version == person.version


def test_an_older_version_is_a_stale_edit(world):
    person = Person.objects.get(pk=world.p_icm.pk)
    Person.objects.filter(pk=person.pk).update(version=person.version + 1)
    with pytest.raises(StaleEdit):
        lock_current(person, person.version)
    assert lock_current(person, None).version == person.version + 1  # None: lock only


def test_a_record_removed_meanwhile_is_a_stale_edit_and_never_comes_back(world):
    person = Person(pk=10**9, version=1)
    with pytest.raises(StaleEdit):
        lock_current(person, 1)
    with pytest.raises(StaleEdit):
        lock_current(person, None)


@pytest.mark.parametrize(("headers", "status"), [({}, 409), ({"HTTP_IF_MATCH": '"3"'}, 412)])
def test_a_stale_edit_raised_anywhere_in_the_api_is_409_or_412_with_if_match(headers, status):
    request = APIRequestFactory().patch("/api/v1/persons/1/", {}, format="json", **headers)
    response = exception_handler(StaleEdit(), {"request": request, "view": None})
    assert response is not None and response.status_code == status
    assert response.data["detail"].code == "stale_edit"


def _locks_outside_the_primitive() -> list[str]:
    """Every ``select_for_update`` in Hearth's own code outside hearth/concurrency.py."""
    found = []
    apps = [d for d in ROOT.iterdir() if (d / "__init__.py").exists()]
    for path in (p for app in apps for p in app.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests" in relative or "/migrations/" in relative:
            continue
        if relative.split("/")[-1].startswith("test") or relative == "hearth/concurrency.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "select_for_update":
                found.append(f"{relative}:{node.lineno}")
    return found


# The row locks that are not "this record, at the version the person read": a batch of a plan's
# goals each with its own version, the open searches a move-in ends, a suggestion still pending.
NOT_ONE_RECORD = {"plans/workflow.py", "housing/searches.py", "directory/survey.py"}


def test_a_record_is_locked_and_its_version_compared_only_through_lock_current():
    outside = _locks_outside_the_primitive()
    assert {place.split(":")[0] for place in outside} <= NOT_ONE_RECORD, outside
    assert len(outside) == 3, outside


def test_a_versioned_form_keeps_what_they_typed_with_the_version_the_record_has_now(world):
    person = Person.objects.get(pk=world.p_icm.pk)
    data = {k: v for k, v in model_to_dict(person, fields=PersonForm.Meta.fields).items() if v}
    data |= {"given_name": "Their new spelling", "version": person.version}
    Person.objects.filter(pk=person.pk).update(given_name="Someone else's", version=7)
    form = PersonForm(data, instance=person)
    assert form.is_valid(), form.errors
    assert not form.save_versioned()
    assert form.non_field_errors()
    assert form["given_name"].value() == "Their new spelling"  # their input stays on the page
    assert form["version"].value() == 7  # saving again is based on the other change
    assert form.instance.given_name == "Someone else's"  # the record is shown as it is now
    assert Person.objects.get(pk=person.pk).given_name == "Someone else's"  # nothing saved
