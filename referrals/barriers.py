"""Recording systemic barriers for advocacy (R37). Other apps call ``record_barrier`` when a
landlord refuses an offer (housing) or a benefit is refused (money)."""

from datetime import date

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
