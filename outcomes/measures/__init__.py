"""Outcomes of a program, a team or a whole organisation over a period (issue 6 §1, §2; BRIEF
R4, R5, R19, R20, R25, R36, R37).

Every function takes a ``Scope`` and aggregates in the database, or reads a bounded number of
plain rows in a fixed number of queries: never a query per person, per worker or per month, so
a dashboard of 20,000 persons answers as fast as one of five. Nothing here returns a name.

Who counts: the persons *served* in the period, i.e. with a case of the scope open at some
time between ``start`` and ``end`` (both inclusive). A case counts for the team it belongs to
now; a transfer moves its history with it.
"""

from outcomes.measures.housing import (  # noqa: F401
    LOSS_END_REASONS,
    RETENTION_POINTS,
    AtEnd,
    DaysHoused,
    Retention,
    days_housed,
    out_of_homelessness,
    retention,
    retention_durations,
    returns_to_homelessness,
)
from outcomes.measures.progress import (  # noqa: F401
    DomainChange,
    assessment_change,
    barriers_by_category,
    income_change,
    readiness_by_month,
    referral_outcomes,
    supportive_ties_change,
    visit_cadence,
)
from outcomes.measures.scope import (  # noqa: F401
    Scope,
    mean,
    share,
)
from outcomes.measures.staffing import (  # noqa: F401
    INTENSITY,
    CaseloadMonth,
    Caseloads,
    caseloads,
    month_ends,
    transfers,
    uncovered_hours,
)
