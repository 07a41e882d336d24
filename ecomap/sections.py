"""The ecomap's section of the person page: the network in a sentence and a small drawing."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecomap.drawing import draw
from ecomap.models import Quality, Snapshot, Tie
from ecomap.network import current_states

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Ecomap")


def person_section(request: HttpRequest, person, cases) -> dict:
    """Two queries whatever the size of the network. The ties are read as part of the person
    page, whose opening is already in the audit trail (people.access.get_person_for_user)."""
    states = current_states(Tie.objects.filter(person=person).current())
    latest = Snapshot.objects.filter(person=person).order_by("-taken_on", "-id").first()
    return {
        "person": person,
        "ties": len(states),
        "supportive": sum(1 for s in states if s.is_supportive),
        "stressful": sum(1 for s in states if s.quality == Quality.STRESSFUL),
        "latest_snapshot": latest,
        "svg": draw(
            states,
            centre=person.display_name,
            title=_("Ecomap of %(name)s") % {"name": person.display_name},
            uid="person-ecomap",
            legend=False,
        )
        if states
        else "",
    }
