"""The network as plain values: the ties of today or of a snapshot, taking a snapshot, and the
comparison of two maps (ties gained, lost, strengthened, weakened, strained, eased)."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction

from ecomap.models import (
    QUALITY_RANK,
    STRENGTH_RANK,
    Direction,
    Frequency,
    Quality,
    Snapshot,
    Strength,
    Tie,
    TieKind,
)

_KIND_ORDER = {kind: index for index, kind in enumerate(TieKind.values)}


def _label(choices, value: str) -> str:
    """The translated label of a code; a code no longer offered (an old snapshot) as is."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@dataclass(frozen=True)
class TieState:
    """A tie as it is (or was, in a snapshot): what the drawing and the comparison read."""

    id: int
    name: str
    kind: str
    strength: str
    quality: str
    direction: str
    frequency: str = ""
    note: str = ""

    @classmethod
    def of(cls, tie: Tie) -> "TieState":
        return cls(**{f: getattr(tie, f) for f in ("id", *Tie.EDITABLE_FIELDS)})

    @classmethod
    def from_dict(cls, data: dict) -> "TieState":
        return cls(
            id=int(data["id"]),
            name=str(data.get("name", "")),
            kind=str(data.get("kind", TieKind.OTHER)),
            strength=str(data.get("strength", Strength.MODERATE)),
            quality=str(data.get("quality", Quality.SUPPORTIVE)),
            direction=str(data.get("direction", Direction.NONE)),
            frequency=str(data.get("frequency", "")),
            note=str(data.get("note", "")),
        )

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def kind_label(self) -> str:
        return _label(TieKind, self.kind)

    @property
    def strength_label(self) -> str:
        return _label(Strength, self.strength)

    @property
    def quality_label(self) -> str:
        return _label(Quality, self.quality)

    @property
    def direction_label(self) -> str:
        return _label(Direction, self.direction)

    @property
    def frequency_label(self) -> str:
        return _label(Frequency, self.frequency) if self.frequency else ""

    @property
    def is_supportive(self) -> bool:
        return self.quality in SUPPORTIVE_QUALITIES


# Which ties count towards the 'social support network' indicator (R20). Only ties the person
# and worker call supportive: a mixed tie brings stress as well as support, and counting it
# would make a network that hurts look like one that holds. Mixed ties stay visible on the map
# and in the comparison.
SUPPORTIVE_QUALITIES = (Quality.SUPPORTIVE,)


def _order_key(state: TieState) -> tuple:
    return (_KIND_ORDER.get(state.kind, len(_KIND_ORDER)), state.name.casefold(), state.id)


def in_drawing_order(states: Iterable[TieState]) -> list[TieState]:
    """Grouped by kind (family first, professionals last), then by name."""
    return sorted(states, key=_order_key)


def current_states(ties: Iterable[Tie]) -> list[TieState]:
    return in_drawing_order(TieState.of(t) for t in ties if t.ended_on is None)


def snapshot_states(snapshot: Snapshot) -> list[TieState]:
    return in_drawing_order(TieState.from_dict(d) for d in snapshot.ties)


def take_snapshot(person, *, by, on: date, note: str = "") -> Snapshot:
    """Freeze the person's current ties as they are now."""
    # Read the ties and write the copy in one transaction, so the snapshot is one moment.
    with transaction.atomic():
        ties = list(Tie.objects.filter(person=person).current())
        return Snapshot.objects.create(
            person=person,
            taken_on=on,
            taken_by=by,
            note=note,
            ties=[s.as_dict() for s in current_states(ties)],
        )


@dataclass
class Comparison:
    """What changed from an earlier map to a later one, tie by tie (matched by the tie's id)."""

    gained: list[TieState] = field(default_factory=list)
    lost: list[TieState] = field(default_factory=list)
    strengthened: list[tuple[TieState, TieState]] = field(default_factory=list)
    weakened: list[tuple[TieState, TieState]] = field(default_factory=list)
    strained: list[tuple[TieState, TieState]] = field(default_factory=list)
    eased: list[tuple[TieState, TieState]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return any(
            (self.gained, self.lost, self.strengthened, self.weakened, self.strained, self.eased)
        )


def compare(earlier: Iterable[TieState], later: Iterable[TieState]) -> Comparison:
    """Strengthened/weakened follow the strength (tenuous < moderate < strong); strained/eased
    follow the quality (stressful < mixed < supportive): a tie that became stressful, or went
    from supportive to mixed, is strained. One tie can be both strengthened and strained."""
    before = {s.id: s for s in earlier}
    after = {s.id: s for s in later}
    result = Comparison()
    result.gained = in_drawing_order(s for i, s in after.items() if i not in before)
    result.lost = in_drawing_order(s for i, s in before.items() if i not in after)
    for tie_id in before.keys() & after.keys():
        old, new = before[tie_id], after[tie_id]
        strength = STRENGTH_RANK.get(new.strength, 0) - STRENGTH_RANK.get(old.strength, 0)
        quality = QUALITY_RANK.get(new.quality, 0) - QUALITY_RANK.get(old.quality, 0)
        if strength > 0:
            result.strengthened.append((old, new))
        elif strength < 0:
            result.weakened.append((old, new))
        if quality < 0:
            result.strained.append((old, new))
        elif quality > 0:
            result.eased.append((old, new))
        if not strength and not quality:
            result.unchanged += 1
    for pairs in (result.strengthened, result.weakened, result.strained, result.eased):
        pairs.sort(key=lambda pair: _order_key(pair[1]))
    return result
