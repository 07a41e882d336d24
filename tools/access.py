"""Who may read assessments and vulnerability factors: the case's reach, and for mental-health
and substance-use details only the roles the program allows (R35). Every read is audited."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from cases.models import Case
from programs.access import may_see_sensitive
from tools import definition as spec
from tools.models import Assessment, Factor


def get_assessment_for_user(request: HttpRequest, assessment_id: int) -> Assessment:
    """The assessment, if its case is within the user's reach (else 404). Sets
    ``show_sensitive``; the read is audited, marked sensitive when such answers are shown."""
    assessment = get_object_or_404(
        Assessment.objects.filter(case__in=Case.objects.visible_to(request.user)).select_related(
            "case__person",
            "case__program",
            "instrument",
            "instrument_version__instrument",
            "contact",
            "recorded_by",
        ),
        pk=assessment_id,
    )
    assessment.show_sensitive = may_see_sensitive(request.user, assessment.case)
    has_sensitive = any(
        spec.is_sensitive(d) for d in spec.domains_of(assessment.instrument_version.definition)
    )
    record(
        request,
        "view",
        assessment,
        person_id=assessment.case.person_id,
        detail={"sensitive": True} if assessment.show_sensitive and has_sensitive else None,
    )
    return assessment


def get_factor_of_case(case: Case, factor_id: int) -> Factor:
    """A factor of a case already reached through ``cases.access.get_case_for_user``."""
    return get_object_or_404(
        Factor.objects.select_related("catalogue_entry"), pk=factor_id, case=case
    )
