"""Outcomes for the access walk (hearth/tests/test_access_walk.py): a program's benchmarks are
not a person's record."""

from outcomes.models import MeasureCode

PERSONAL_ARGUMENTS: set[str] = set()
PERSONAL_API_BASENAMES: set[str] = set()


def walk_ids(case) -> dict:
    return {"measure": MeasureCode.OUT_OF_HOMELESSNESS.value}
