"""Rating a team against a scale: the computed items from the records, the judged ones from
the reviewer; saving both as one review."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fidelity.measures import Measure, measure_team
from fidelity.models import ItemRating, Review, Scale
from fidelity.scale import Item


@dataclass
class Row:
    item: Item
    rating: int | None  # None: a judged item not yet rated
    measure: Measure | None = None


def rate_team(team, *, on: date, scale: Scale | None = None) -> list[Row]:
    """Every item of the scale: computed ones rated now, judged ones left to the reviewer."""
    definition = (scale or Scale.objects.current()).parsed
    measures = measure_team(team, on=on)
    rows = []
    for item in definition.items:
        if item.is_computed:
            measure = measures[item.code]
            rows.append(Row(item, item.rate(measure.value, flags=measure.flags), measure))
        else:
            rows.append(Row(item, None))
    return rows


def mean_rating(ratings: list[int]) -> Decimal:
    return (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def save_review(
    team, *, on: date, by, judged: dict[str, tuple[int, str]], note: str = ""
) -> Review:
    """Store a review: every judged item needs a rating from 1 to 5 and a note."""
    scale = Scale.objects.current()
    rows = rate_team(team, on=on, scale=scale)
    errors = {}
    for row in rows:
        if row.item.is_computed:
            continue
        rating, text = judged.get(row.item.code, (None, ""))
        if rating not in (1, 2, 3, 4, 5):
            errors[row.item.code] = _("Rate this item from 1 to 5.")
        elif not text.strip():
            errors[row.item.code] = _("Say what the rating rests on.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():  # the review and its ratings together
        ratings = [row.rating if row.item.is_computed else judged[row.item.code][0] for row in rows]
        review = Review.objects.create(
            team=team, scale=scale, on=on, reviewer=by, note=note, total=mean_rating(ratings)
        )
        ItemRating.objects.bulk_create(
            ItemRating(
                review=review,
                code=row.item.code,
                rating=rating,
                value=row.measure.value if row.measure else None,
                detail={k: str(v) for k, v in row.measure.detail.items()} if row.measure else {},
                computed=row.item.is_computed,
                note="" if row.item.is_computed else judged[row.item.code][1].strip(),
            )
            for row, rating in zip(rows, ratings, strict=True)
        )
    return review
