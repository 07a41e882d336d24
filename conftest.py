"""Shared actors (STYLE.md): an ICM case manager, an ACT team member, a team lead, a program
manager and an outsider from another organisation — and the persons each may reach."""

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import translation

from hearth import testing as t
from people.models import Person
from programs.models import Country, ServiceModel
from programs.roles import Role


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep an ``xdist_group`` on one worker under ``--dist loadgroup`` (pyproject.toml).
    pytest-xdist 3.8 names the group by appending "@group" to ``item._nodeid``, which pytest 9
    no longer reads (the id is ``item._id``): without this, every group was spread over the
    workers, and the demo's tests loaded the demo once per worker (demo/tests.py).

    Then the transactional tests (the browser tests) go last, as Django's own runner orders
    them: each empties every table when it ends, the rows the migrations wrote too (built-in
    instruments, the factor catalogue, fidelity scales), and Django restores those rows only
    when the next transactional test starts (serialized rollback, set here for each of them).
    The xdist scheduler hands work out in this order, so on every worker the ordinary tests
    run first, on the database the migrations left (``--no-loadscope-reorder`` in pyproject.toml
    keeps the scheduler from reordering by size). Within each part the groups, the longest
    units of work, go first, so that no worker is left alone with one at the end."""
    from _pytest.nodeid import NodeId

    for item in items:
        grouped = getattr(item, "_nodeid", None)
        if grouped and grouped != item.nodeid:
            item._id = NodeId.parse(grouped)
        _restore_migrated_rows(item)
    items.sort(
        key=lambda item: (_is_transactional(item), not item.get_closest_marker("xdist_group"))
    )


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
        item, "fixturenames", ()
    )


def _restore_migrated_rows(item) -> None:
    marker = item.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    if "serialized_rollback" not in marker.kwargs:
        item.add_marker(
            pytest.mark.django_db(**marker.kwargs, serialized_rollback=True), append=False
        )


@pytest.fixture(autouse=True)
def _midday():
    """Every test runs at noon UTC of the real day, the clock ticking on from there. A form's
    "today" is the worker's local date (Toronto, Copenhagen, São Paulo…) while a date made by a
    test without a request is UTC's; at noon UTC all of them agree, so no test depends on the
    hour the suite happens to run (it did: the suite failed between 00:00 and 05:00 UTC)."""
    now = datetime.now(UTC)
    with time_machine.travel(now.replace(hour=12, minute=0, second=0, microsecond=0), tick=True):
        yield


@pytest.fixture(autouse=True)
def _english():
    """Every test starts in English. A request in French (a header, a cookie, a user's own
    language) leaves French active in the worker's thread after it, and the next test on that
    worker read French messages (tools' "is used twice" did, after outcomes' French page)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    alice: object  # ICM case manager, north ICM team A
    bob: object  # ACT team member (nurse), north ACT team
    tina: object  # team lead of north ICM team A
    pam: object  # program manager of the north ICM program (teams A and B)
    oscar: object  # case manager in another organisation
    dora: object  # data administrator of the north organisation
    psychiatrist: object
    icm_team: object
    icm_team_b: object
    act_team: object
    south_team: object
    p_icm: Person
    p_icm_b: Person
    p_act: Person
    p_south: Person

    @property
    def actors(self) -> dict:
        return {
            "icm_case_manager": self.alice,
            "act_member": self.bob,
            "team_lead": self.tina,
            "program_manager": self.pam,
            "outsider": self.oscar,
        }

    def reach(self, actor) -> set[int]:
        return {
            self.alice: {self.p_icm.pk},
            self.bob: {self.p_act.pk},
            self.tina: {self.p_icm.pk},
            self.pam: {self.p_icm.pk, self.p_icm_b.pk},
            self.oscar: {self.p_south.pk},
        }[actor]

    @property
    def everyone(self) -> list[Person]:
        return [self.p_icm, self.p_icm_b, self.p_act, self.p_south]


@pytest.fixture
def world(db) -> World:
    north = t.make_organisation(name="North Housing First")
    icm = t.make_program(organisation=north, model=ServiceModel.ICM, name="North ICM")
    act = t.make_program(organisation=north, model=ServiceModel.ACT, name="North ACT")
    icm_team, icm_team_b = (
        t.make_team(program=icm, name="ICM A"),
        t.make_team(program=icm, name="ICM B"),
    )
    act_team = t.make_team(program=act, name="ACT 1")
    south = t.make_organisation(name="Syd Kommune", country=Country.DENMARK, language="da")
    south_team = t.make_team(program=t.make_program(organisation=south), name="Syd ICM")

    alice = t.make_user(username="alice", first_name="Alice", last_name="Case")
    bob = t.make_user(username="bob", first_name="Bob", last_name="Nurse")
    tina = t.make_user(username="tina", first_name="Tina", last_name="Lead")
    pam = t.make_user(username="pam", first_name="Pam", last_name="Manager")
    oscar = t.make_user(username="oscar", first_name="Oscar", last_name="Outside")
    dora = t.make_user(username="dora", first_name="Dora", last_name="Data")
    psychiatrist = t.make_user(username="psy", first_name="Pia", last_name="Psychiatrist")
    carl = t.make_user(username="carl", first_name="Carl", last_name="Other")
    t.add_member(alice, team=icm_team)
    t.add_member(bob, role=Role.NURSE, team=act_team)
    t.add_member(psychiatrist, role=Role.PSYCHIATRIST, team=act_team, fte=0.5)
    t.add_member(tina, role=Role.TEAM_LEAD, team=icm_team)
    t.add_member(pam, role=Role.PROGRAM_MANAGER, program=icm)
    t.add_member(oscar, team=south_team)
    t.add_member(dora, role=Role.DATA_ADMINISTRATOR, organisation=north)
    t.add_member(carl, team=icm_team_b)

    p_icm = t.make_case(
        team=icm_team, by=alice, primary=alice, given_name="Imogen", family_name="Inreach"
    ).person
    p_icm_b = t.make_case(
        team=icm_team_b, by=carl, primary=carl, given_name="Bartholomew", family_name="Otherteam"
    ).person
    p_act = t.make_case(
        team=act_team, by=bob, primary=bob, given_name="Acacia", family_name="Teamcase"
    ).person
    p_south = t.make_case(
        team=south_team, by=oscar, primary=oscar, given_name="Søren", family_name="Sydperson"
    ).person
    return World(
        alice,
        bob,
        tina,
        pam,
        oscar,
        dora,
        psychiatrist,
        icm_team,
        icm_team_b,
        act_team,
        south_team,
        p_icm,
        p_icm_b,
        p_act,
        p_south,
    )


# Browser tests (marked "browser"): Debian's Chromium driven by Playwright, at a phone's size.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("HEARTH_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required for the browser tests: {CHROMIUM} is missing")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # ordinary synchronous code all the same. Only for these tests, restored afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone(browser):
    from hearth.testing import PHONE

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
