"""The tools app's models: instruments and assessments (R28), the vulnerability framework
(R11)."""

from tools.models.framework import (
    Factor,
    FactorCatalogueEntry,
    FactorKind,
    FrameworkReview,
    Strength,
)
from tools.models.instruments import Assessment, Instrument, InstrumentVersion

__all__ = [
    "Assessment",
    "Factor",
    "FactorCatalogueEntry",
    "FactorKind",
    "FrameworkReview",
    "Instrument",
    "InstrumentVersion",
    "Strength",
]
