"""A fidelity scale as data: its items, their anchors and its source.

A scale is a JSON file under ``fidelity/scales/`` (``<code>-<edition>.json``) and, once used, a
``Scale`` row holding that definition, so a corrected anchor is a new version of the data and a
saved review keeps the version it was rated on.

An item's anchors are ``[rating, operator, bound]`` tried in order; the first that holds gives
the rating, none gives the lowest. ``[[5, "<=", 10], [4, "<=", 20]]`` reads "5 at 10 or fewer,
4 at 20 or fewer, otherwise lower".
"""

import json
import operator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError

SCALES = Path(__file__).parent / "scales"
OPERATORS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
GROUPS = ("human_resources", "organizational_boundaries", "nature_of_services")
HOW = ("computed", "judgment")


@dataclass(frozen=True)
class Item:
    code: str
    group: str
    how: str
    unit: str = ""
    window_days: int = 0
    anchors: tuple = ()
    top_requires: str = ""
    checked: bool = False
    estimate: str = ""

    @property
    def is_computed(self) -> bool:
        return self.how == "computed"

    def rate(self, value: Decimal | float | None, *, flags: frozenset[str] = frozenset()) -> int:
        """The 1–5 rating of a raw value (None: nothing to rate on, the lowest)."""
        if value is None:
            return 1
        number = Decimal(str(value))
        for rating, op, bound in self.anchors:
            if OPERATORS[op](number, Decimal(str(bound))):
                if rating == 5 and self.top_requires and self.top_requires not in flags:
                    continue  # the top anchor asks for more than the number
                return rating
        return 1


@dataclass(frozen=True)
class ScaleDefinition:
    code: str
    version: str
    title: str
    source: str
    items: tuple[Item, ...]

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    @property
    def computed(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.is_computed)

    @property
    def judged(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.is_computed)


def parse(data: dict) -> ScaleDefinition:
    """Check a scale definition and build it; a mistake names the item at fault."""
    try:
        items = []
        seen = set()
        for raw in data["items"]:
            code = raw["code"]
            if code in seen:
                raise ValidationError(f"{code}: the code is used twice")
            seen.add(code)
            if raw["group"] not in GROUPS or raw["how"] not in HOW:
                raise ValidationError(f"{code}: unknown group or kind")
            anchors = tuple(tuple(a) for a in raw.get("anchors", ()))
            for rating, op, bound in anchors:
                if op not in OPERATORS or not 1 < rating <= 5:
                    raise ValidationError(f"{code}: bad anchor {rating} {op} {bound}")
                Decimal(str(bound))
            if raw["how"] == "computed" and not anchors:
                raise ValidationError(f"{code}: a computed item needs anchors")
            items.append(
                Item(
                    code=code,
                    group=raw["group"],
                    how=raw["how"],
                    unit=raw.get("unit", ""),
                    window_days=int(raw.get("window_days", 0)),
                    anchors=anchors,
                    top_requires=raw.get("top_requires", ""),
                    checked=bool(raw.get("checked", False)),
                    estimate=raw.get("estimate", ""),
                )
            )
        return ScaleDefinition(
            code=data["code"],
            version=data["version"],
            title=data["title"],
            source=data["source"],
            items=tuple(items),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"The scale definition is incomplete: {exc}") from exc


def builtin(name: str = "dacts-1998") -> dict:
    return json.loads((SCALES / f"{name}.json").read_text(encoding="utf-8"))
