"""The housing section of the person page: the current home, days housed, the tenancies and
their events, and the housing search of each case with its offers. Housing is the person's own
timeline (R7, R19)."""

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.formatting import format_money
from housing.models import (
    AT_RISK_KINDS,
    HousingSearch,
    Offer,
    Tenancy,
    TenancyEvent,
    days_housed_from,
)
from people.summary import ForVisit, Item

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("The home")


def person_section(request: HttpRequest, person, cases) -> dict:
    """Four queries whatever the number of tenancies, events, searches and offers. The
    records are read as part of the person page, whose opening is already audited."""
    today = timezone.localdate()
    # The person page reads the person with their organisation (people.access).
    currency = person.organisation.currency
    tenancies = list(
        Tenancy.objects.filter(person=person)
        .select_related("unit", "provider")
        .prefetch_related(Prefetch("events", queryset=TenancyEvent.objects.order_by("-on", "-id")))
        .order_by("-started_on", "-id")
    )
    for tenancy in tenancies:
        tenancy.rent_display = format_money(tenancy.rent, currency)
        tenancy.subsidy_display = format_money(tenancy.subsidy, currency)
        tenancy.share_display = format_money(tenancy.person_share, currency)
    days = days_housed_from(
        [(person.pk, t.started_on, t.ended_on) for t in tenancies], today=today
    ).get(person.pk, 0)
    searches = list(
        HousingSearch.objects.filter(case__in=[c.pk for c in cases])
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=Offer.objects.select_related("unit").order_by("-offered_on", "-id"),
            )
        )
        .order_by("-opened_on", "-id")
    )
    for search in searches:
        search.days_so_far = search.days(today=today)
    open_cases_searching = {s.case_id for s in searches if s.is_open}
    current = next((t for t in tenancies if t.ended_on is None), None)
    return {
        "person": person,
        "current": current,
        "for_visit": ForVisit(follow_up=_home_at_risk(person, current)),
        "tenancies": tenancies,
        "days_housed": days,
        "open_searches": [s for s in searches if s.is_open],
        "past_searches": [s for s in searches if not s.is_open],
        "cases_without_search": [
            c for c in cases if c.is_open and c.pk not in open_cases_searching
        ],
    }


def _home_at_risk(person, current) -> list[Item]:
    """The unresolved events that put the current home at risk (the rule of
    ``TenancyEvent.objects.home_at_risk``, read from the events already fetched)."""
    if current is None:
        return []
    return [
        Item(
            text=_("Home at risk: %(what)s") % {"what": event.get_kind_display()},
            detail=date_format(event.on, "SHORT_DATE_FORMAT"),
            link=reverse("housing:tenancy_event_edit", args=[person.pk, event.pk]),
        )
        for event in current.events.all()
        if event.kind in AT_RISK_KINDS and event.resolved_on is None
    ]
