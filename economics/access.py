"""Who reaches the socio-economic analysis and the service-use records."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from cases.models import Case
from programs.access import programs_managed_by
from programs.models import Membership, Program
from programs.roles import Role


def get_program_for_economics(user, program_id: int) -> tuple[Program, bool]:
    """The program and whether the user may edit its unit costs: its program managers and the
    organisation's data administrators edit, the leads of its teams read; anyone else gets 404."""
    managed = programs_managed_by(user).filter(pk=program_id).first()
    if managed is not None:
        return managed, True
    leads = Membership.objects.active().filter(
        user=user, role=Role.TEAM_LEAD, team__program_id=program_id
    )
    if not leads.exists():
        raise Http404
    return Program.objects.select_related("organisation").get(pk=program_id), False


def get_case_of_own_team(request: HttpRequest, case_id: int) -> Case:
    """The case, if the user works in its team (service use is asked and recorded by the team);
    404 otherwise. The read is audited."""
    teams = Membership.objects.active().filter(user=request.user, team__isnull=False)
    case = get_object_or_404(
        Case.objects.visible_to(request.user)
        .filter(team__in=teams.values("team_id"))
        .select_related("person", "team", "program__organisation"),
        pk=case_id,
    )
    record(request, "view", case)
    return case
