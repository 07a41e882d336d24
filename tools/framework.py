"""The vulnerability framework of a case (R11): the matrix of life areas × risk and protection,
and what changed since the last review, read from the factors' recorded history."""

from dataclasses import dataclass, field
from datetime import date

from cases.models import Case
from tools.areas import SENSITIVE_AREAS, LifeArea
from tools.models import Factor, FactorKind, FrameworkReview


@dataclass
class Cell:
    current: list[Factor] = field(default_factory=list)
    ended: list[Factor] = field(default_factory=list)


@dataclass
class Row:
    area: LifeArea
    hidden: bool
    risk: Cell = field(default_factory=Cell)
    protection: Cell = field(default_factory=Cell)

    @property
    def cells(self) -> list[tuple[str, Cell]]:
        return [(FactorKind.RISK.value, self.risk), (FactorKind.PROTECTION.value, self.protection)]


@dataclass
class StrengthChange:
    factor: Factor
    before: int
    after: int

    @property
    def before_label(self) -> str:
        return Factor(strength=self.before).get_strength_display()

    @property
    def after_label(self) -> str:
        return Factor(strength=self.after).get_strength_display()


@dataclass
class Changes:
    review: FrameworkReview | None
    added: list[Factor] = field(default_factory=list)
    ended: list[Factor] = field(default_factory=list)
    strength: list[StrengthChange] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.ended or self.strength)


def factors_for_matrix(case: Case) -> list[Factor]:
    return list(
        Factor.objects.filter(case=case)
        .select_related("catalogue_entry")
        .order_by("area", "kind", "-strength", "noted_on", "id")
    )


def matrix(factors: list[Factor], *, show_sensitive: bool, today: date) -> list[Row]:
    """One row per life area; a sensitive area's factors are left out for roles the program
    does not allow (R35)."""
    rows = {
        area: Row(area=area, hidden=area in SENSITIVE_AREAS and not show_sensitive)
        for area in LifeArea
    }
    for factor in factors:
        row = rows[factor.area]
        if row.hidden:
            continue
        cell = row.risk if factor.kind == FactorKind.RISK else row.protection
        (cell.current if factor.is_current(on=today) else cell.ended).append(factor)
    return list(rows.values())


def reviews_of(case: Case):
    """The case's reviews, the last one first."""
    return (
        FrameworkReview.objects.filter(case=case)
        .select_related("reviewed_by")
        .order_by("-reviewed_on", "-recorded_at", "-id")
    )


def last_review(case: Case) -> FrameworkReview | None:
    return reviews_of(case).first()


def changes_since(
    case: Case, review: FrameworkReview | None, factors: list[Factor], *, show_sensitive: bool
) -> Changes:
    """Factors added, ended and changed in strength since the review was recorded: each
    factor's state then (its last history record before the review) against its state now.
    One query for the history, whatever its length."""
    changes = Changes(review=review)
    if review is None:
        return changes
    cutoff = review.recorded_at
    by_id = {f.pk: f for f in factors if show_sensitive or f.area not in SENSITIVE_AREAS}
    before = {}
    for record in (
        Factor.history.filter(case_id=case.pk, history_date__lte=cutoff)
        .order_by("history_date", "history_id")
        .only("id", "strength", "ended_on", "history_type")
    ):
        before[record.id] = None if record.history_type == "-" else record
    for factor_id, factor in by_id.items():
        then = before.get(factor_id)
        if then is None:
            changes.added.append(factor)
            continue
        if factor.ended_on is not None and then.ended_on is None:
            changes.ended.append(factor)
        if then.strength != factor.strength:
            changes.strength.append(StrengthChange(factor, then.strength, factor.strength))
    return changes
