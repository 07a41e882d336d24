"""The data retention policy (hearth/data_retention.toml) as data the code checks (STYLE.md:
"what is kept, for how long and why is written down as data and checked by the code").

``policy_problems`` lists every table of a Hearth app with no rule, every rule naming a table or
column that does not exist, and every column claimed by two groups; the system check
``hearth.E100`` fails on any of them, so a new table or column cannot ship without a decision.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks

POLICY_FILE = Path(__file__).resolve().parent / "data_retention.toml"
# Apps that hold no data of their own.
NO_DATA_APPS = {"hearth", "demo", "bench"}


@dataclass(frozen=True)
class Group:
    name: str
    why: str
    keep: str
    erasure: str
    tables: dict[str, str | list[str]]


def load(path: Path = POLICY_FILE) -> list[Group]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    return [
        Group(
            name=g["name"],
            why=g.get("why", "").strip(),
            keep=g.get("keep", "").strip(),
            erasure=g.get("erasure", "").strip(),
            tables=g.get("tables", {}),
        )
        for g in data.get("group", [])
    ]


def hearth_models() -> list:
    """Every model of Hearth's own apps, history tables aside (they follow their record)."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if config.label in NO_DATA_APPS or base not in path.parents or ".venv" in path.parts:
            continue
        found += [m for m in config.get_models() if not m.__name__.startswith("Historical")]
    return found


def columns_of(model) -> set[str]:
    """The columns a rule decides on: every field and many-to-many link, the id aside."""
    return {
        f.name
        for f in model._meta.get_fields()
        if (f.concrete or f.many_to_many) and not f.auto_created and not f.primary_key
    }


def policy_problems(groups: list[Group] | None = None) -> list[str]:
    groups = load() if groups is None else groups
    models = {m._meta.label: m for m in hearth_models()}
    claimed: dict[tuple[str, str], str] = {}
    problems = []
    for group in groups:
        for label, columns in group.tables.items():
            model = models.get(label)
            if model is None:
                problems.append(f"“{group.name}” names {label}, which is not a Hearth table.")
                continue
            have = columns_of(model)
            named = have if columns == "all" else set(columns)
            for column in sorted(named - have):
                problems.append(f"“{group.name}” names {label}.{column}, which does not exist.")
            for column in sorted(named & have):
                if (label, column) in claimed:
                    problems.append(
                        f"{label}.{column} is in “{claimed[(label, column)]}” and "
                        f"“{group.name}”: one rule per column."
                    )
                claimed[(label, column)] = group.name
    for label, model in sorted(models.items()):
        missing = sorted(c for c in columns_of(model) if (label, c) not in claimed)
        if missing:
            problems.append(
                f"{label} has no retention rule for: {', '.join(missing)} "
                f"(add it to {POLICY_FILE.name})."
            )
    return problems


@checks.register()
def retention_policy_covers_every_column(app_configs=None, **kwargs) -> list:
    return [checks.Error(problem, id="hearth.E100") for problem in policy_problems()]
