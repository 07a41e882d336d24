"""The data retention policy covers every table and column of Hearth, once (STYLE.md)."""

from dataclasses import replace

from django.core import checks

from hearth import retention


def test_the_policy_gives_every_column_of_every_hearth_table_exactly_one_rule():
    assert retention.policy_problems() == []
    groups = retention.load()
    labels = {label for g in groups for label in g.tables}
    assert "people.Person" in labels and "audit.AuditEvent" in labels
    assert len(labels) == len(retention.hearth_models())
    assert all(g.why and g.keep and g.erasure for g in groups)


def test_a_table_with_no_rule_is_named():
    groups = retention.load()
    first = groups[0]
    tables = dict(first.tables)
    del tables["people.HouseholdMember"]
    problems = retention.policy_problems([replace(first, tables=tables), *groups[1:]])
    assert len(problems) == 1 and problems[0].startswith("people.HouseholdMember has no")


def test_a_column_rule_that_names_nothing_or_claims_twice_is_named():
    groups = retention.load()
    extra = retention.Group(
        name="Extra",
        why="w",
        keep="k",
        erasure="e",
        tables={"people.Person": ["given_name", "shoe_size"], "people.Nobody": "all"},
    )
    problems = retention.policy_problems([*groups, extra])
    assert any("people.Person.shoe_size, which does not exist" in p for p in problems)
    assert any("people.Nobody, which is not a Hearth table" in p for p in problems)
    assert any(
        "people.Person.given_name is in “The person's file” and “Extra”" in p for p in problems
    )


def test_manage_py_check_fails_when_the_policy_misses_a_table(monkeypatch):
    groups = retention.load()
    monkeypatch.setattr(retention, "load", lambda: groups[1:])  # the person's file left out
    errors = [e for e in retention.retention_policy_covers_every_column() if e.id == "hearth.E100"]
    registered = checks.registry.registry.get_checks()
    assert retention.retention_policy_covers_every_column in registered
    assert any(e.msg.startswith("people.Person has no retention rule") for e in errors)
