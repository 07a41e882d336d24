"""Taking an assessment (R28): answers checked against the version's definition, scored by its
rules, and the case's first assessment of an instrument kept as its baseline (seed 002)."""

from datetime import date

from django.db import transaction

from cases.models import Case
from hearth.concurrency import lock_current
from tools.models import Assessment, InstrumentVersion


def take_assessment(
    *,
    case: Case,
    version: InstrumentVersion,
    answers: dict,
    taken_on: date,
    by,
    contact=None,
) -> Assessment:
    """Record an assessment, or raise ValidationError and save nothing."""
    answers = {k: v for k, v in answers.items() if v not in (None, "")}
    assessment = Assessment(
        case=case,
        instrument_version=version,
        instrument_id=version.instrument_id,
        contact=contact,
        taken_on=taken_on,
        answers=answers,
        recorded_by=by,
    )
    assessment.full_clean(exclude=["scores", "is_baseline"])
    assessment.scores = assessment.compute_scores()
    # The baseline flag moves and the new row is written as one change, with the case row
    # locked so two assessments taken at once cannot both become the baseline.
    with transaction.atomic():
        lock_current(case, None)
        baseline = Assessment.objects.filter(
            case=case, instrument_id=version.instrument_id, is_baseline=True
        ).first()
        if baseline is None:
            assessment.is_baseline = True
        elif taken_on < baseline.taken_on:
            # An earlier assessment entered late (from paper) is the first one.
            baseline.is_baseline = False
            baseline.save(update_fields=["is_baseline"])
            assessment.is_baseline = True
        assessment.save()
    return assessment
