"""DACTS items computed from a team's own records (shared/reference/dacts.md).

``measure_team(team, on=...)`` answers every computed item of the scale with its raw value and
what it was computed from, in a fixed number of queries whatever the size of the team. Each
function reads the records as they stand: a case counts for the team it belongs to now.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from cases.models import Case, ClosureReason
from meetings.models import TeamMeeting
from programs.models import Membership
from programs.roles import Role
from roster.coverage import hours_between, merge, zone_of
from roster.models import Shift
from visits.models import Contact, ContactKind, Place

HUNDRED = Decimal(100)
WEEK_HOURS = Decimal(40)
# Closures that are not a drop-out (S2) and closures that are a graduation (O7).
GRADUATION = (ClosureReason.READY_MAINSTREAM, ClosureReason.READY_NO_SUPPORT)
NOT_DROP_OUT = (*GRADUATION, ClosureReason.MOVED_AWAY, ClosureReason.DECEASED)
FTE_PER_100 = {
    "H7": Role.PSYCHIATRIST,
    "H8": Role.NURSE,
    "H9": Role.SUBSTANCE_USE,
    "H10": Role.VOCATIONAL,
}


@dataclass
class Measure:
    value: Decimal | None
    detail: dict = field(default_factory=dict)  # numerator, denominator… shown beside it
    flags: frozenset[str] = frozenset()


def _q(value: Decimal | float | int, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _ratio(numerator, denominator, *, scale: Decimal = Decimal(1)) -> Decimal | None:
    if not denominator:
        return None
    return _q(Decimal(numerator) * scale / Decimal(denominator))


def _open_on(day: date) -> Q:
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def _active_on(day: date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def _overlap_days(start: date, end: date | None, lo: date, hi: date) -> int:
    """Days of [start, end) inside [lo, hi)."""
    stop = min(end or hi, hi)
    return max(0, (stop - max(start, lo)).days)


def measure_team(team, *, on: date) -> dict[str, Measure]:
    """Every computed DACTS item for ``team`` on the day ``on`` (windows end that day)."""
    cases = Case.objects.filter(team=team)
    clients = cases.filter(_open_on(on)).count()
    year_ago = on - timedelta(days=365)
    # Cases and memberships of the last two years, one query each: H5, H6, O2, O7, S2 read them.
    case_rows = list(
        cases.filter(opened_on__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on - timedelta(days=730)))
        .values_list("opened_on", "closed_on", "closure_reason")
    )
    staff = list(
        Membership.objects.filter(team=team, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on - timedelta(days=730)))
        .values_list("user_id", "role", "fte", "start_date", "end_date")
    )
    active = [s for s in staff if s[3] <= on and (s[4] is None or s[4] >= on)]
    fte_by_role: Counter = Counter()
    for _user, role, fte, _start, _end in active:
        fte_by_role[role] += fte
    results: dict[str, Measure] = {}

    # H1: clients per team member, the psychiatrist excluded.
    team_fte = sum((f for r, f in fte_by_role.items() if r != Role.PSYCHIATRIST), Decimal(0))
    results["H1"] = Measure(
        _ratio(clients, team_fte), {"clients": clients, "staff_fte": _q(team_fte)}
    )
    results.update(_contacts(team, on=on, clients=clients, fte_by_role=fte_by_role))
    results["H3"] = _meetings(team, on=on, clients=clients)
    results["H5"] = _turnover(staff, on=on)
    results["H6"] = _staffing(team, staff, case_rows, on=on)
    for code, role in FTE_PER_100.items():
        results[code] = Measure(
            _ratio(fte_by_role[role], clients, scale=HUNDRED),
            {"fte": _q(fte_by_role[role]), "clients": clients},
        )
    total_fte = sum(fte_by_role.values(), Decimal(0))
    results["H11"] = Measure(_q(total_fte), {"staff": len(active)})

    # O2: the most new clients in one calendar month of the last six.
    months = Counter(
        (opened.year, opened.month)
        for opened, _closed, _reason in case_rows
        if opened > on - timedelta(days=183)
    )
    results["O2"] = Measure(Decimal(max(months.values(), default=0)), {"by_month": len(months)})
    results["O4"] = _crisis_coverage(team, on=on)
    # O7: graduations of the last year against the mean caseload of the year.
    graduated = sum(
        1
        for _opened, closed, reason in case_rows
        if closed and year_ago < closed <= on and reason in GRADUATION
    )
    mean_caseload = _mean_caseload(case_rows, year_ago, on)
    results["O7"] = Measure(
        _ratio(graduated, mean_caseload, scale=HUNDRED) if mean_caseload else Decimal(0),
        {"graduated": graduated, "mean_caseload": _q(mean_caseload)},
    )
    # S2: of the clients a year ago, the share not lost to a drop-out since.
    cohort = [
        (closed, reason)
        for opened, closed, reason in case_rows
        if opened <= year_ago and (closed is None or closed > year_ago)
    ]
    dropped = sum(1 for closed, reason in cohort if closed and reason not in NOT_DROP_OUT)
    results["S2"] = Measure(
        _ratio(len(cohort) - dropped, len(cohort), scale=HUNDRED),
        {"a_year_ago": len(cohort), "dropped_out": dropped},
    )
    return results


def _contacts(team, *, on: date, clients: int, fte_by_role: Counter) -> dict[str, Measure]:
    """H2, H4, S1, S4, S5, S6 from the contacts of the last two and four weeks (3 queries)."""
    four_weeks = on - timedelta(days=27)
    two_weeks = on - timedelta(days=13)
    base = Contact.objects.filter(case__team=team, on__range=(four_weeks, on))
    face = base.filter(face_to_face=True)
    totals = face.aggregate(
        contacts=Count("id"),
        minutes=Sum("minutes"),
        community=Count("id", filter=~Q(place=Place.OFFICE)),
    )
    informal = base.filter(kind=ContactKind.INFORMAL_SUPPORTS).count()
    # H2: clients seen face to face by more than one staff member in two weeks.
    seen_by = (
        Case.objects.filter(team=team)
        .filter(_open_on(on))
        .annotate(
            staff_seen=Count(
                "contacts__staff",
                distinct=True,
                filter=Q(contacts__on__range=(two_weeks, on), contacts__face_to_face=True),
            )
        )
        .filter(staff_seen__gt=1)
        .count()
    )
    lead_minutes = (
        face.filter(staff__memberships__team=team, staff__memberships__role=Role.TEAM_LEAD)
        .distinct()
        .aggregate(m=Sum("minutes"))["m"]
        or 0
    )
    lead_fte = fte_by_role[Role.TEAM_LEAD]
    lead_available = lead_fte * WEEK_HOURS * 60 * 4
    weeks = Decimal(4)
    per_month = Decimal("365.25") / 12 / 28  # four weeks as a share of a month
    contacts = totals["contacts"] or 0
    return {
        "H2": Measure(
            _ratio(seen_by, clients, scale=HUNDRED), {"several_staff": seen_by, "clients": clients}
        ),
        "H4": Measure(
            _ratio(lead_minutes, lead_available, scale=HUNDRED),
            {"lead_minutes": lead_minutes, "lead_fte": _q(lead_fte)},
        ),
        "S1": Measure(
            _ratio(totals["community"], contacts, scale=HUNDRED),
            {"in_community": totals["community"], "face_to_face": contacts},
        ),
        "S4": Measure(
            _ratio(totals["minutes"] or 0, clients * weeks) if clients else None,
            {"minutes": totals["minutes"] or 0, "clients": clients},
        ),
        "S5": Measure(
            _ratio(contacts, clients * weeks) if clients else None,
            {"face_to_face": contacts, "clients": clients},
        ),
        "S6": Measure(
            _ratio(Decimal(informal) * per_month, clients) if clients else None,
            {"informal_supports": informal, "clients": clients},
        ),
    }


def _meetings(team, *, on: date, clients: int) -> Measure:
    """H3: team meetings per week over four weeks; the top rating needs every client reviewed."""
    meetings = list(
        TeamMeeting.objects.filter(team=team, on__range=(on - timedelta(days=27), on))
        .annotate(reviewed=Count("entries", filter=Q(entries__reviewed=True)))
        .values_list("reviewed", flat=True)
    )
    everyone = bool(meetings) and all(r >= clients for r in meetings)
    return Measure(
        _ratio(len(meetings), 4),
        {"meetings": len(meetings), "every_client_reviewed": everyone},
        frozenset({"every_client_reviewed"}) if everyone else frozenset(),
    )


def _turnover(staff: list, *, on: date) -> Measure:
    """H5: staff who left in two years against the positions held now and then."""
    start = on - timedelta(days=730)
    people_then = {u for u, _r, _f, s, e in staff if s <= start and (e is None or e >= start)}
    people_now = {u for u, _r, _f, s, e in staff if s <= on and (e is None or e >= on)}
    left = {u for u, _r, _f, _s, e in staff if e is not None and start <= e < on} - people_now
    positions = max(len(people_then), len(people_now))
    return Measure(
        _ratio(len(left), positions, scale=HUNDRED), {"left": len(left), "positions": positions}
    )


def _mean_caseload(case_rows: list, lo: date, hi: date) -> Decimal:
    days = (hi - lo).days
    return Decimal(sum(_overlap_days(o, c, lo, hi) for o, c, _r in case_rows)) / days


def _staffing(team, staff: list, case_rows: list, *, on: date) -> Measure:
    """H6: the FTE held over the year against the FTE the program's standard asks for the
    year's mean caseload (the psychiatrist, counted in H7, apart)."""
    lo = on - timedelta(days=365)
    held = Decimal(0)
    for _u, role, fte, start, end in staff:
        if role == Role.PSYCHIATRIST:
            continue
        held += fte * _overlap_days(start, end + timedelta(days=1) if end else None, lo, on)
    held /= 365
    needed = _mean_caseload(case_rows, lo, on) / team.program.persons_per_worker
    if not needed:
        return Measure(None, {"held_fte": _q(held), "needed_fte": Decimal(0)})
    return Measure(
        min(HUNDRED, _ratio(held, needed, scale=HUNDRED)),
        {"held_fte": _q(held), "needed_fte": _q(needed)},
    )


def _crisis_coverage(team, *, on: date) -> Measure:
    """O4: the share of the last four weeks' hours that a team member was on shift or on call."""
    zone = zone_of(team.program)
    end = datetime.combine(on + timedelta(days=1), time(0), tzinfo=zone)
    start = datetime.combine(on - timedelta(days=27), time(0), tzinfo=zone)
    shifts = Shift.objects.filter(team=team, starts_at__lt=end, ends_at__gt=start).values_list(
        "starts_at", "ends_at"
    )
    covered = sum(hours_between(max(lo, start), min(hi, end)) for lo, hi in merge(list(shifts)))
    total = hours_between(start, end)
    return Measure(
        _ratio(Decimal(str(covered)), Decimal(str(total)), scale=HUNDRED),
        {"covered_hours": _q(covered, "0.1"), "hours": _q(total, "0.1")},
    )
