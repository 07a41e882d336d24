"""R18: nothing in Hearth imposes a time limit, closes a case or marks a person inactive by
itself. Proven three ways: by the schema, by running every Hearth command years later, and by
reading every Hearth module for a scheduled or automatic closure."""

import ast
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command, get_commands
from django.utils import timezone

from cases.models import Case
from people.models import Person

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
# Hearth's own apps: those that live at the top of the repository.
HEARTH_APPS = [c.label for c in apps.get_app_configs() if Path(c.path).parent == ROOT]
FORBIDDEN_FIELD_WORDS = ("deadline", "expire", "due", "inactive", "is_active", "until", "limit")


def test_no_case_or_person_field_carries_a_deadline_or_an_inactive_flag():
    assert {"cases", "people", "housing", "demo"} <= set(HEARTH_APPS)  # the walk is not empty
    for model in (Case, Person):
        for field in model._meta.get_fields():
            assert not any(word in field.name for word in FORBIDDEN_FIELD_WORDS), (
                f"{model.__name__}.{field.name} looks like a deadline or an inactive flag"
            )


# Commands that fill or measure a scratch benchmark database and refuse every other one.
SCRATCH_ONLY_COMMANDS = {"fill_bench", "run_bench"}
# bench/fill.py writes years of past closures into such a scratch database in bulk.
SCRATCH_WRITERS = {"bench/fill.py:_person_history"}


def test_running_every_hearth_command_years_later_closes_nothing(world):
    for case in Case.objects.all():
        case.opened_on = timezone.localdate() - timedelta(days=3650)
        case.save()
    before = list(Case.objects.order_by("pk").values_list("pk", "stage", "closed_on", "version"))
    persons_before = list(Person.objects.order_by("pk").values())
    commands = [name for name, app in get_commands().items() if app in HEARTH_APPS]
    later = timezone.now() + timedelta(days=20 * 365)
    with mock.patch("django.utils.timezone.now", return_value=later):
        for name in commands:
            if name == "load_demo":
                continue  # adds demo organisations; it never touches existing ones (demo tests)
            if name in SCRATCH_ONLY_COMMANDS:
                continue  # refuse any database not named for benchmarks (bench tests)
            call_command(name)
    after = list(Case.objects.order_by("pk").values_list("pk", "stage", "closed_on", "version"))
    assert after == before
    assert list(Person.objects.order_by("pk").values()) == persons_before


def _closed_stage_writers(tree: ast.AST) -> list[str]:
    """Functions that write Stage.CLOSED into a stage (assignment, keyword or transition)."""
    writers = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            value = None
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Attribute) and t.attr == "stage" for t in node.targets)
            ) or (isinstance(node, ast.keyword) and node.arg in ("stage", "to_stage")):
                value = node.value
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "_change_stage"
                and node.args
            ):
                value = node.args[0]
            if value is not None and ast.unparse(value) in ("Stage.CLOSED", "'closed'"):
                writers.append(func.name)
    return writers


def test_only_case_close_ever_sets_a_case_to_closed():
    """No job, signal, command or view can close a case: only Case.close, which needs a
    person and a readiness record."""
    writers = set()
    for app in HEARTH_APPS:
        for path in (ROOT / app).rglob("*.py"):
            is_test = (
                "tests" in path.parts or path.name == "tests.py" or path.name.startswith("test_")
            )
            if is_test or "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            writers |= {f"{path.relative_to(ROOT)}:{name}" for name in _closed_stage_writers(tree)}
    assert writers - SCRATCH_WRITERS == {"cases/models.py:close"}


# Dates that end something other than a person's support: a permission the person gave (when a
# consent to share expires, the sharing stops and the case goes on, R35) and an anonymous
# feedback round's last day (R36).
PERMISSION_ENDS = {
    ("referrals", "consent", "expires_on"),
    ("referrals", "historicalconsent", "expires_on"),
    ("feedback", "round", "closes_on"),
    ("feedback", "historicalround", "closes_on"),
}


def test_no_model_in_hearth_schedules_anything_against_a_person():
    for model in apps.get_models():
        if model._meta.app_label not in HEARTH_APPS:
            continue
        names = {
            f.name
            for f in model._meta.get_fields()
            if (model._meta.app_label, model._meta.model_name, f.name) not in PERMISSION_ENDS
        }
        assert not names & {"close_after", "auto_close", "closes_on", "expires_on"}
