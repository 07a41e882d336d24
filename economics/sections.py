"""The economics section of the person page: for each case of the person in the reader's own
team, whether service use before enrolment was asked, with the way to the form (R26)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from economics.models import ServiceUse
from programs.models import Membership

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Service use")


def person_section(request: HttpRequest, person, cases) -> dict:
    """Two queries whatever the number of cases. Only counts are shown: the records themselves
    are opened (and audited) on the service-use page."""
    teams = set(
        Membership.objects.active()
        .filter(user=request.user, team__isnull=False)
        .values_list("team_id", flat=True)
    )
    own = [case for case in cases if case.team_id in teams]
    asked = set(
        ServiceUse.objects.before()
        .filter(case__in=[c.pk for c in own])
        .values_list("case_id", flat=True)
    )
    return {"rows": [(case, case.pk in asked) for case in own]}
