"""Test helpers of the tools app."""

from django.utils import timezone

from tools.assessments import take_assessment
from tools.builtin import LIFE_AREAS_KEY
from tools.models import Factor, FrameworkReview, Instrument, InstrumentVersion
from visits.models import Contact

# URL arguments naming a person's record: out of reach they must answer 403 or 404.
PERSONAL_ARGUMENTS = {"assessment_id", "factor_id"}
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {"assessment", "factor", "frameworkreview"}

SIMPLE_DEFINITION = {
    "domains": [
        {
            "key": "home",
            "title": "Home",
            "life_area": "housing",
            "scoring": "sum",
            "items": [
                {"key": "home_now", "label": "How is the home?", "type": "scale"},
                {"key": "home_note", "label": "In their words", "type": "text"},
            ],
        },
        {
            "key": "mood",
            "title": "Mood",
            "life_area": "mental_health",
            "scoring": "mean",
            "items": [{"key": "mood_now", "label": "How is the mood?", "type": "scale"}],
        },
    ]
}


def make_instrument(
    *, program=None, key: str = "", definition: dict | None = None, by=None
) -> Instrument:
    """A program's own instrument with one version."""
    instrument = Instrument.objects.create(
        program=program,
        key=key or f"instrument_{Instrument.objects.count() + 1}",
        name="Home and mood",
    )
    InstrumentVersion.objects.create(
        instrument=instrument, number=1, definition=definition or SIMPLE_DEFINITION, created_by=by
    )
    return instrument


def life_areas_scale() -> Instrument:
    return Instrument.objects.get(program=None, key=LIFE_AREAS_KEY)


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    by = case.opened_by
    instrument = make_instrument(program=case.program, by=by)
    visit = Contact.objects.create(
        case=case, kind="home_visit", minutes=45, place="home", recorded_by=by
    )
    assessment = take_assessment(
        case=case,
        version=instrument.current,
        answers={"home_now": 3, "mood_now": 2},
        taken_on=timezone.localdate(),
        contact=visit,
        by=by,
    )
    factor = Factor.objects.create(
        case=case, area="housing", kind="protection", text="Likes the flat", recorded_by=by
    )
    review = FrameworkReview.objects.create(case=case, reviewed_by=by)
    return {
        "assessment_id": assessment.pk,
        "factor_id": factor.pk,
        "instrument_id": instrument.pk,
        "pk:instrument": instrument.pk,
        "pk:assessment": assessment.pk,
        "pk:factor": factor.pk,
        "pk:frameworkreview": review.pk,
    }
