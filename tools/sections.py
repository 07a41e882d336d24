"""The tools section of a person's page: each instrument's domains over time as small charts
with the same numbers in a table beside them (R28, R36), and the vulnerability framework of
each case (R11). A fixed number of queries: one per case for the sensitive-answers rule, and
one each for assessments, instruments and factors, however many there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.formats import date_format, localize
from django.utils.translation import gettext_lazy, ngettext

from audit.log import record
from programs.access import may_see_sensitive
from tools import definition as spec
from tools.areas import SENSITIVE_AREAS
from tools.charts import LineChart, line_chart
from tools.models import Assessment, Factor, Instrument

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Assessments")


@dataclass
class DomainColumn:
    key: str
    title: str
    low: float
    high: float
    chart: LineChart | None = None
    aria_label: str = ""
    latest: float | None = None


@dataclass
class TableRow:
    assessment: Assessment
    cells: list


@dataclass
class InstrumentHistory:
    instrument: Instrument
    columns: list[DomainColumn] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    hidden: bool = False

    @property
    def latest(self) -> Assessment:
        return self.rows[-1].assessment


@dataclass
class CaseFramework:
    case: object
    risk: int
    protection: int


def _domain_specs(assessments: list[Assessment]) -> dict[str, dict]:
    """Scored domains across the versions used, titled as in the newest version."""
    versions = {a.instrument_version_id: a for a in assessments}
    specs: dict[str, dict] = {}
    for assessment in sorted(versions.values(), key=lambda a: a.instrument_version.number):
        version = assessment.instrument_version
        version.instrument = assessment.instrument  # for the translated titles, no query
        for domain in spec.domains_of(version.display_definition()):
            rng = spec.domain_range(domain)
            if rng is None:
                continue
            known = specs.get(domain["key"])
            low, high = rng
            if known:
                low, high = min(low, known["low"]), max(high, known["high"])
            specs[domain["key"]] = {
                "title": domain["title"],
                "sensitive": spec.is_sensitive(domain),
                "low": low,
                "high": high,
                "order": known["order"] if known else len(specs),
            }
    return dict(sorted(specs.items(), key=lambda kv: kv[1]["order"]))


def _aria_label(column: DomainColumn, series) -> str:
    first_on, first_value, _b = series[0]
    last_on, last_value, _b = series[-1]
    return ngettext(
        "%(domain)s: %(count)s score between %(low)s and %(high)s, "
        "%(first)s on %(first_date)s, latest %(last)s on %(last_date)s.",
        "%(domain)s: %(count)s scores between %(low)s and %(high)s, "
        "%(first)s on %(first_date)s, latest %(last)s on %(last_date)s.",
        len(series),
    ) % {
        "domain": column.title,
        "count": len(series),
        "low": localize(column.low),
        "high": localize(column.high),
        "first": localize(first_value),
        "first_date": date_format(first_on, "SHORT_DATE_FORMAT"),
        "last": localize(last_value),
        "last_date": date_format(last_on, "SHORT_DATE_FORMAT"),
    }


def _history(instrument, assessments: list[Assessment], sensitive: dict) -> InstrumentHistory:
    history = InstrumentHistory(instrument=instrument)
    specs = _domain_specs(assessments)
    allowed = [sensitive[a.case_id] for a in assessments]
    for key, domain in specs.items():
        if domain["sensitive"]:
            # Scores of a sensitive domain only from the cases whose program allows the role.
            history.hidden = history.hidden or not all(allowed)
            if not any(allowed):
                continue
        history.columns.append(
            DomainColumn(key=key, title=domain["title"], low=domain["low"], high=domain["high"])
        )
    series: dict[str, list[tuple[date, float, bool]]] = defaultdict(list)
    for assessment in assessments:
        cells = []
        for column in history.columns:
            visible = not specs[column.key]["sensitive"] or sensitive[assessment.case_id]
            value = assessment.scores.get(column.key) if visible else None
            cells.append(value)
            if value is not None:
                series[column.key].append((assessment.taken_on, value, assessment.is_baseline))
        history.rows.append(TableRow(assessment=assessment, cells=cells))
    for column in history.columns:
        points = series.get(column.key)
        # One score is no trend: the table says it all.
        if points and len(points) > 1:
            column.chart = line_chart(points, low=column.low, high=column.high)
            column.aria_label = _aria_label(column, points)
            column.latest = points[-1][1]
    return history


def _frameworks(cases: list, sensitive: dict) -> list[CaseFramework]:
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for row in (
        Factor.objects.current()
        .filter(case__in=cases)
        .values("case_id", "kind", "area")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if row["area"] in SENSITIVE_AREAS and not sensitive[row["case_id"]]:
            continue
        counts[row["case_id"], row["kind"]] += row["n"]
    return [
        CaseFramework(
            case=case, risk=counts[case.pk, "risk"], protection=counts[case.pk, "protection"]
        )
        for case in cases
    ]


def person_section(request: HttpRequest, person, cases) -> dict:
    cases = list(cases)
    sensitive = {case.pk: may_see_sensitive(request.user, case) for case in cases}
    assessments = list(Assessment.objects.for_person_section(cases))
    by_instrument: dict[int, list[Assessment]] = defaultdict(list)
    instruments = {}
    for assessment in assessments:
        by_instrument[assessment.instrument_id].append(assessment)
        instruments[assessment.instrument_id] = assessment.instrument
    # The instrument taken most recently first.
    histories = [
        _history(instruments[pk], items, sensitive)
        for pk, items in sorted(
            by_instrument.items(), key=lambda kv: (kv[1][-1].taken_on, kv[1][-1].pk), reverse=True
        )
    ]
    open_cases = [case for case in cases if case.is_open]
    offered = (
        list(
            Instrument.objects.filter(
                Q(program__isnull=True) | Q(program_id__in={c.program_id for c in open_cases}),
                is_active=True,
            )
        )
        if open_cases
        else []
    )
    take = [
        (case, [i for i in offered if i.program_id in (None, case.program_id)])
        for case in open_cases
    ]
    if assessments:
        shown_sensitive = any(
            sensitive[a.case_id]
            and any(spec.is_sensitive(d) for d in spec.domains_of(a.instrument_version.definition))
            for a in assessments
        )
        record(
            request,
            "view",
            object_type="tools.Assessment",
            person_id=person.pk,
            detail={"assessments": [a.pk for a in assessments], "sensitive": shown_sensitive},
        )
    return {
        "person": person,
        "histories": histories,
        "take": take,
        "frameworks": _frameworks(cases, sensitive),
    }
