"""What the ecomap adds to a closure's readiness (R20): the "social support network"
indicator, supportive ties over the dated snapshots (hearth.domain: ``readiness``)."""

from ecomap.indicators import supportive_ties_over_time
from people.models import Person


def readiness_context(person: Person) -> dict:
    return {"supportive_ties": supportive_ties_over_time(person)}
