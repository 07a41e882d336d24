"""Recording systemic barriers for advocacy (R37): a benefit refused (money calls
``record_barrier``) or a landlord's refusal of an offer (housing, below it, sends
``housing.searches.landlord_refused``, received here)."""

from datetime import date

from django.dispatch import receiver

from housing.models import Offer
from housing.searches import landlord_refused
from referrals.models import Barrier, BarrierCategory


def record_barrier(
    *,
    case,
    category: str,
    on: date,
    description: str,
    by,
    area: str = "",
    source_referral=None,
) -> Barrier:
    """Record one barrier met by the person of ``case``. Runs inside the caller's transaction,
    so a refusal and its barrier are saved together or not at all."""
    if category not in BarrierCategory.values:
        raise ValueError(f"Unknown barrier category: {category!r}")
    return Barrier.objects.create(
        case=case,
        category=category,
        on=on,
        description=description,
        recorded_by=by,
        area=area,
        source_referral=source_referral,
    )


@receiver(landlord_refused, sender=Offer, dispatch_uid="referrals.landlord_refusal")
def record_landlord_refusal(sender: type[Offer], *, offer: Offer, on: date, by, **kwargs) -> None:
    """A landlord's refusal is a barrier the person met: housing denied, where the unit is."""
    record_barrier(
        case=offer.search.case,
        category="housing_denied",
        on=on,
        description=offer.reason,
        by=by,
        area=offer.unit.area if offer.unit_id else "",
    )
