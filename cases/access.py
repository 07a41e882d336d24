from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from cases.models import Case


def get_case_for_user(request: HttpRequest, case_id: int, *, action: str = "view") -> Case:
    """The case, if within the user's reach (else 404); the read is audited."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "person", "team", "program__organisation", "primary_worker", "backup_worker"
        ),
        pk=case_id,
    )
    record(request, action, case)
    return case
