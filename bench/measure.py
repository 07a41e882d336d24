"""Time the pages a worker opens most on a filled database (issue 6 §7).

Each page is requested with Django's test client, signed in as the person who uses it, through
the whole middleware stack: a warm-up, then ``repeat`` timed requests (median and p95), then one
more inside ``CaptureQueriesContext`` for the query count. Beside each page, a hand-written SQL
query fetching the same data the page shows is timed the same way: the distance between the two
is what Django, the templates and the page's extra queries cost.
"""

import logging
import signal
import statistics
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.models import Case, Stage
from programs.models import Membership, ServiceModel
from programs.roles import Role


@dataclass
class Row:
    page: str
    as_user: str
    rows_shown: int | None = None
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    sql_median_ms: float | None = None
    note: str = ""


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _time(fn, *, warmup: int, repeat: int) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _sql(sql: str, params: list):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


# The hand-written queries: the same rows the pages show ---------------------------------------


def caseload_sql(user_id: int):
    contact = _q("visits_contact")
    return _sql(
        f"""
        SELECT c.id, p.family_name, p.given_name, c.stage, c.opened_on, t.name,
               (SELECT MAX(ct.{_q("on")}) FROM {contact} ct WHERE ct.case_id = c.id),
               (SELECT MAX(ct.{_q("on")}) FROM {contact} ct
                 WHERE ct.case_id = c.id AND ct.face_to_face),
               (SELECT a.interval_days FROM visits_cadenceagreement a WHERE a.case_id = c.id
                 ORDER BY a.agreed_on DESC, a.id DESC LIMIT 1)
          FROM cases_case c
          JOIN people_person p ON p.id = c.person_id
          JOIN programs_team t ON t.id = c.team_id
         WHERE c.stage IN ('opening', 'active')
           AND (c.primary_worker_id = %s OR c.backup_worker_id = %s)
         ORDER BY p.family_name, p.given_name
        """,
        [user_id, user_id],
    )


def person_sql(person_id: int):
    """The person, their cases, living situations and the contact timeline with report state."""
    queries = [
        ("SELECT * FROM people_person WHERE id = %s", [person_id]),
        ("SELECT * FROM cases_case WHERE person_id = %s", [person_id]),
        (
            "SELECT * FROM housing_livingsituation WHERE person_id = %s "
            "ORDER BY started_on DESC, id DESC",
            [person_id],
        ),
        (
            "SELECT * FROM cases_stagechange s JOIN cases_case c ON c.id = s.case_id "
            "WHERE c.person_id = %s",
            [person_id],
        ),
        (
            f"""SELECT ct.id, ct.{_q("on")}, ct.kind, ct.note, u.first_name, u.last_name,
                       r.status
                  FROM visits_contact ct
                  JOIN cases_case c ON c.id = ct.case_id
                  JOIN accounts_user u ON u.id = ct.recorded_by_id
                  LEFT JOIN reports_report r ON r.contact_id = ct.id
                 WHERE c.person_id = %s
                 ORDER BY ct.{_q("on")} DESC, ct.id DESC""",
            [person_id],
        ),
    ]

    def run():
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def board_sql(team_id: int, day, now):
    on = _q("on")
    return _sql(
        f"""
        SELECT c.id, p.family_name, p.given_name,
               (SELECT COUNT(*) FROM visits_contact ct WHERE ct.case_id = c.id AND ct.{on} >= %s),
               (SELECT COUNT(*) FROM visits_contact ct WHERE ct.case_id = c.id AND ct.{on} >= %s),
               (SELECT MAX(ct.{on}) FROM visits_contact ct
                 WHERE ct.case_id = c.id AND ct.face_to_face),
               EXISTS (SELECT 1 FROM visits_crisis k WHERE k.case_id = c.id
                        AND k.occurred_at >= %s),
               (SELECT s.code FROM housing_livingsituation s WHERE s.person_id = c.person_id
                 ORDER BY s.started_on DESC, s.id DESC LIMIT 1)
          FROM cases_case c
          JOIN people_person p ON p.id = c.person_id
         WHERE c.team_id = %s AND c.stage IN ('opening', 'active')
         ORDER BY p.family_name, p.given_name
        """,
        [day - timedelta(days=1), day - timedelta(days=7), now - timedelta(days=1), team_id],
    )


def dashboard_sql(program_id: int, today):
    """Program aggregates a dashboard shows: open and closed cases, housed now, contacts and
    reports over the last 90 days."""
    on = _q("on")
    return _sql(
        f"""
        SELECT
          (SELECT COUNT(*) FROM cases_case c WHERE c.program_id = %s
              AND c.stage IN ('opening', 'active')),
          (SELECT COUNT(*) FROM cases_case c WHERE c.program_id = %s AND c.stage = 'closed'),
          (SELECT COUNT(DISTINCT t.person_id) FROM housing_tenancy t
             JOIN cases_case c ON c.person_id = t.person_id
            WHERE c.program_id = %s AND t.ended_on IS NULL),
          (SELECT COUNT(*) FROM visits_contact ct JOIN cases_case c ON c.id = ct.case_id
            WHERE c.program_id = %s AND ct.{on} >= %s),
          (SELECT COUNT(*) FROM reports_report r JOIN visits_contact ct ON ct.id = r.contact_id
             JOIN cases_case c ON c.id = ct.case_id
            WHERE c.program_id = %s AND ct.{on} >= %s)
        """,
        [
            program_id,
            program_id,
            program_id,
            program_id,
            today - timedelta(days=90),
            program_id,
            today - timedelta(days=90),
        ],
    )


# Who signs in for what ----------------------------------------------------------------------


def _member(role: str, **filters) -> Membership:
    return (
        Membership.objects.active()
        .filter(role=role, **filters)
        .select_related("user", "team", "program")
        .order_by("id")
        .first()
    )


def subjects() -> dict:
    """The realistic users and objects: a Toronto-like ICM case manager with their caseload and
    their longest-followed person; an ACT team lead and their team; a program manager."""
    cm = _member(Role.CASE_MANAGER, program__model=ServiceModel.ICM)
    lead = _member(Role.TEAM_LEAD, program__model=ServiceModel.ACT)
    manager = _member(Role.PROGRAM_MANAGER, program__isnull=False)
    person_id = None
    if cm:
        case = (
            Case.objects.filter(primary_worker=cm.user, stage__in=(Stage.OPENING, Stage.ACTIVE))
            .annotate(n=Count("contacts"))
            .order_by("-n", "id")
            .first()
        )
        person_id = case.person_id if case else None
    return {"cm": cm, "lead": lead, "manager": manager, "person_id": person_id}


def run(*, warmup: int = 3, repeat: int = 20, budget: int = 60, log=lambda s: None) -> list[Row]:
    s = subjects()
    today = timezone.localdate()
    now = timezone.now()
    cm, lead, manager = s["cm"], s["lead"], s["manager"]
    pages = []
    if cm:
        pages.append(("cases:my_caseload", [], cm.user, caseload_sql(cm.user.pk), "caseload rows"))
    if cm and s["person_id"]:
        pages.append(
            ("people:detail", [s["person_id"]], cm.user, person_sql(s["person_id"]), "contacts")
        )
    if lead:
        pages.append(
            ("meetings:board", [lead.team_id], lead.user, board_sql(lead.team_id, today, now), "")
        )
    if manager:
        pages.append(
            (
                "outcomes:dashboard",
                [manager.program_id],
                manager.user,
                dashboard_sql(manager.program_id, today),
                "",
            )
        )
    rows = []
    # DEBUG off while timing, as in production (no query log); "testserver" is the client's host.
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver", "localhost"]):
        for name, args, user, sql, _what in pages:
            log(f"{name} as {user.username}…")
            rows.append(
                _measure(name, args, user, sql, warmup=warmup, repeat=repeat, budget=budget)
            )
            log(_line(rows[-1]))
    return rows


def _shown(name: str, args: list, sql) -> int | None:
    try:
        result = sql()
    except Exception:  # the count is informative only
        return None
    if name == "people:detail":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM visits_contact ct JOIN cases_case c ON c.id = ct.case_id "
                "WHERE c.person_id = %s",
                args,
            )
            return cursor.fetchone()[0]
    if name == "outcomes:dashboard":
        return None
    return len(result) if result is not None else None


def _measure(name, args, user, sql, *, warmup: int, repeat: int, budget: int) -> Row:
    row = Row(page=name, as_user=user.username)
    sql_times = _time(sql, warmup=warmup, repeat=repeat)
    row.sql_median_ms = round(statistics.median(sql_times), 2)
    row.rows_shown = _shown(name, args, sql)
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        row.note = "not built yet"
        return row
    client = Client()
    client.force_login(user)

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}")

    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)  # a broken page is a row's note, not a traceback
    try:
        # The first request counts the queries and shows whether the page fits the budget: a
        # page slower than that is reported once (and stopped at the budget), not repeated.
        with _deadline(budget), CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            get()
            first = (time.perf_counter() - start) * 1000
        row.queries = len(captured)
        if first > budget * 1000 / 4:
            row.median_ms = round(first, 1)
            row.note = f"one request only ({first / 1000:.1f} s); not repeated"
            return row
        times = _time(get, warmup=max(0, warmup - 1), repeat=repeat)
    except TimeoutError:
        row.note = f"stopped: one request took over {budget} s"
        return row
    except Exception as problem:  # another app's page failing must not stop the others
        row.note = f"failed: {type(problem).__name__}: {problem}"[:160]
        return row
    finally:
        request_log.setLevel(level)
    row.median_ms = round(statistics.median(times), 1)
    row.p95_ms = round(_percentile(times, 0.95), 1)
    return row


@contextmanager
def _deadline(seconds: int):
    """Stop a request that runs longer than ``seconds``: Python code by an alarm (main thread
    on Unix), a long SQL statement by the database itself (SQLite's progress handler,
    PostgreSQL's statement_timeout)."""
    connection.ensure_connection()
    raw = connection.connection
    end = time.monotonic() + seconds
    if connection.vendor == "sqlite":
        raw.set_progress_handler(lambda: 1 if time.monotonic() > end else 0, 100_000)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [seconds * 1000])
    # The alarm is for SQLite only: interrupting psycopg mid-query breaks the connection, and
    # PostgreSQL stops its own statements.
    alarm = (
        connection.vendor == "sqlite"
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )

    def stop(signum, frame):
        raise TimeoutError

    if alarm:
        previous = signal.signal(signal.SIGALRM, stop)
        signal.alarm(seconds)
    try:
        yield
    except Exception as problem:
        if time.monotonic() > end:
            raise TimeoutError from problem
        raise
    finally:
        if alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        if connection.vendor == "sqlite":
            raw.set_progress_handler(None, 0)
        elif connection.vendor == "postgresql":
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SET statement_timeout = 0")
            except Exception:
                connection.close()  # a cancelled statement can leave it unusable: start afresh


HEADER = ("page", "signed in as", "rows", "median ms", "p95 ms", "queries", "SQL median ms")


def _fmt(value) -> str:
    return "—" if value is None else str(value)


def _cells(row: Row) -> list[str]:
    return [
        row.page,
        row.as_user,
        _fmt(row.rows_shown),
        _fmt(row.median_ms),
        _fmt(row.p95_ms),
        _fmt(row.queries),
        _fmt(row.sql_median_ms),
    ]


def _line(row: Row) -> str:
    text = " | ".join(_cells(row))
    return f"{text} | {row.note}" if row.note else text


def table(rows: list[Row]) -> str:
    """A Markdown table (it reads well on stdout and pastes into docs/benchmarks.md)."""
    lines = [
        "| " + " | ".join(HEADER) + " | note |",
        "|" + "---|" * (len(HEADER) + 1),
    ]
    for row in rows:
        lines.append("| " + " | ".join([*_cells(row), row.note]) + " |")
    return "\n".join(lines)


def as_json(rows: list[Row]) -> list[dict]:
    return [asdict(r) for r in rows]
