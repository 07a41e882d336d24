"""The vulnerability framework (R11, seed 002): per life area, the risk factors and the
protection factors of a person, each with how strong it is, the evidence and since when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, past_date
from tools.areas import SENSITIVE_AREAS, LifeArea


class FactorKind(models.TextChoices):
    RISK = "risk", _("Risk factor")
    PROTECTION = "protection", _("Protection factor")


class Strength(models.IntegerChoices):
    SLIGHT = 1, _("Slight")
    MODERATE = 2, pgettext_lazy("strength", "Moderate")
    STRONG = 3, _("Strong")


class FactorCatalogueQuerySet(models.QuerySet):
    def for_program(self, program) -> "FactorCatalogueQuerySet":
        """Hearth's built-in entries and the program's own."""
        return self.filter(models.Q(program__isnull=True) | models.Q(program=program))


class FactorCatalogueEntry(models.Model):
    """A common risk or protection factor, offered when filling in the framework. Built-in
    entries are worded in English and shown through the catalogs; a program may add its own."""

    area = models.CharField(_("life area"), max_length=24, choices=LifeArea.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=FactorKind.choices)
    label = models.CharField(_("factor"), max_length=200)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="factor_catalogue",
        verbose_name=_("program"),
        help_text=_("Empty for Hearth's built-in catalogue."),
    )

    objects = FactorCatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["area", "kind", "label"]
        verbose_name = _("catalogue factor")
        verbose_name_plural = _("catalogue factors")

    def __str__(self) -> str:
        return self.display_label

    @property
    def is_builtin(self) -> bool:
        return self.program_id is None

    @property
    def display_label(self) -> str:
        """Hearth's own entries are worded in English and translated by the catalogs; a
        program's entries are shown as the program wrote them."""
        return gettext(self.label) if self.is_builtin else self.label


class FactorQuerySet(models.QuerySet):
    def current(self, *, on=None) -> "FactorQuerySet":
        on = on or timezone.localdate()
        return self.filter(noted_on__lte=on).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
        )


class Factor(models.Model):
    """One risk or protection factor in a person's vulnerability framework (R11): how strong,
    the evidence, since when — and when it no longer applies."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="vulnerability_factors",
        verbose_name=_("case"),
    )
    area = models.CharField(_("life area"), max_length=24, choices=LifeArea.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=FactorKind.choices)
    catalogue_entry = models.ForeignKey(
        FactorCatalogueEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the catalogue"),
    )
    text = models.CharField(_("in our own words"), max_length=300, blank=True)
    strength = models.PositiveSmallIntegerField(
        _("how strong"), choices=Strength.choices, default=Strength.MODERATE
    )
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What we have seen or heard that shows it."),
        max_length=TextLimit.NOTE,
    )
    noted_on = models.DateField(_("noted on"), default=timezone.localdate, validators=[past_date])
    ended_on = models.DateField(
        _("no longer applies from"), null=True, blank=True, validators=[past_date]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = FactorQuerySet.as_manager()

    class Meta:
        ordering = ["area", "kind", "-strength", "id"]
        verbose_name = _("vulnerability factor")
        verbose_name_plural = _("vulnerability factors")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text="") | models.Q(catalogue_entry__isnull=False),
                name="factor_from_catalogue_or_own_words",
                violation_error_message=_("Choose a factor from the catalogue or describe it."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The factor in our own words, else as the catalogue words it."""
        if self.text:
            return self.text
        return self.catalogue_entry.display_label if self.catalogue_entry_id else ""

    @property
    def is_sensitive(self) -> bool:
        return self.area in SENSITIVE_AREAS

    def is_current(self, *, on=None) -> bool:
        on = on or timezone.localdate()
        return self.noted_on <= on and (self.ended_on is None or self.ended_on > on)

    def clean(self) -> None:
        errors = {}
        entry = self.catalogue_entry
        if entry is not None:
            if entry.area != self.area or entry.kind != self.kind:
                errors["catalogue_entry"] = _(
                    "This catalogue factor belongs to another life area or kind."
                )
            elif (
                entry.program_id is not None
                and self.case_id
                and (entry.program_id != self.case.program_id)
            ):
                errors["catalogue_entry"] = _("This catalogue factor belongs to another program.")
        if self.ended_on and self.noted_on and self.ended_on < self.noted_on:
            errors["ended_on"] = _("It cannot stop applying before it was noted.")
        if errors:
            raise ValidationError(errors)


class FrameworkReview(models.Model):
    """A dated look at the whole framework; "what changed" is measured since the last one."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="framework_reviews",
        verbose_name=_("case"),
    )
    reviewed_on = models.DateField(
        _("reviewed on"), default=timezone.localdate, validators=[past_date]
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    # When the review was recorded: "what changed since the last review" starts here.
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("framework review")
        verbose_name_plural = _("framework reviews")

    def __str__(self) -> str:
        return str(self.reviewed_on)
