from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tools.areas import LifeArea


class FactorKind(models.TextChoices):
    RISK = "risk", _("Risk factor")
    PROTECTION = "protection", _("Protection factor")


class Strength(models.IntegerChoices):
    SLIGHT = 1, _("Slight")
    MODERATE = 2, _("Moderate")
    STRONG = 3, _("Strong")


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

    class Meta:
        ordering = ["area", "kind", "label"]
        verbose_name = _("catalogue factor")
        verbose_name_plural = _("catalogue factors")

    def __str__(self) -> str:
        return self.label


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
        _("evidence"), blank=True, help_text=_("What we have seen or heard that shows it.")
    )
    noted_on = models.DateField(_("noted on"), default=timezone.localdate)
    ended_on = models.DateField(_("no longer applies from"), null=True, blank=True)
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
        return self.text or str(self.catalogue_entry)


class FrameworkReview(models.Model):
    """A dated look at the whole framework; "what changed" is measured since the last one."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="framework_reviews",
        verbose_name=_("case"),
    )
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("framework review")
        verbose_name_plural = _("framework reviews")

    def __str__(self) -> str:
        return str(self.reviewed_on)
