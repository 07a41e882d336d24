from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from cases.models import Case
from reports.models import Report


def get_report_for_user(request: HttpRequest, report_id: int, *, action: str = "view") -> Report:
    """The report, if its case is within the user's reach (else 404); the read is audited."""
    report = get_object_or_404(
        Report.objects.filter(
            contact__case__in=Case.objects.visible_to(request.user)
        ).select_related(
            "contact__case__person",
            "contact__case__program",
            "template_version__template",
            "signed_by",
            "author",
        ),
        pk=report_id,
    )
    record(request, action, report, person_id=report.contact.case.person_id)
    return report
