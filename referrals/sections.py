"""The referrals section of the person page: open referrals with their status and follow-up,
the person's consents and their state, and links to add either (R14, R35)."""

from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.summary import ForVisit, Item
from referrals.models import Consent, Referral

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Referrals and consent")


def person_section(request: HttpRequest, person, cases) -> dict:
    """Two queries whatever the number of referrals and consents: the open referrals of the
    cases the user can see (``cases`` is already reach-checked by the person page) and the
    person's consents. The reads are part of the audited opening of the person page."""
    today = timezone.localdate()
    referrals = list(
        Referral.objects.filter(case__in=[c.pk for c in cases])
        .open()
        .select_related("resource", "partner", "consent")
        .order_by(F("follow_up_on").asc(nulls_last=True), "-sent_on", "-id")
    )
    rows = [
        {
            "referral": r,
            "follow_up_due": r.follow_up_is_due(on=today),
            "sharing_stopped_on": r.sharing_stopped_on(on=today),
        }
        for r in referrals
    ]
    consents = (
        Consent.objects.filter(person=person)
        .defer("signature")
        .select_related("partner", "resource", "withdrawn_by", "signed_copy")
    )
    return {
        "person": person,
        "referrals": rows,
        "due_count": sum(1 for row in rows if row["follow_up_due"]),
        "consents": [{"consent": c, "state": c.state(on=today)} for c in consents],
        "open_cases": [c for c in cases if c.is_open],
        "for_visit": ForVisit(
            follow_up=[
                Item(
                    text=_("Follow up the referral to %(to)s")
                    % {"to": row["referral"].target_name},
                    detail=_("follow up %(date)s")
                    % {"date": date_format(row["referral"].follow_up_on, "SHORT_DATE_FORMAT")},
                    link=reverse("referrals:detail", args=[row["referral"].pk]),
                )
                for row in rows
                if row["follow_up_due"]
            ]
        ),
    }
