"""Fidelity reviews: a scale as versioned data, and a team's rated items on a day."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fidelity.scale import ScaleDefinition, builtin, parse
from hearth.validators import TextLimit, past_date


class ScaleQuerySet(models.QuerySet):
    def current(self, code: str = "dacts") -> "Scale":
        """The newest version of a scale, stored from its built-in file on first use."""
        scale = self.filter(code=code).order_by("-created_at").first()
        if scale is None:
            data = builtin()
            scale, _created = self.get_or_create(
                code=data["code"], version=data["version"], defaults={"definition": data}
            )
        return scale


class Scale(models.Model):
    """One version of a fidelity scale. A corrected anchor is a new version, not an edit: the
    reviews rated on the old one keep it."""

    code = models.SlugField(_("scale"), max_length=40)
    version = models.CharField(_("version"), max_length=40)
    definition = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScaleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="fidelity_scale_version")
        ]
        verbose_name = _("fidelity scale")
        verbose_name_plural = _("fidelity scales")

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    @property
    def parsed(self) -> ScaleDefinition:
        return parse(self.definition)

    def clean(self) -> None:
        parse(self.definition)


class Review(models.Model):
    """A team's fidelity on a day: the computed items as they were, the judged ones as the
    reviewer rated them."""

    team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, related_name="fidelity_reviews"
    )
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="reviews")
    on = models.DateField(_("as of"), default=timezone.localdate, validators=[past_date])
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.ACCOUNT)
    total = models.DecimalField(_("mean rating"), max_digits=3, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("fidelity review")
        verbose_name_plural = _("fidelity reviews")

    def __str__(self) -> str:
        return f"{self.team} {self.on}"


class ItemRating(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    code = models.CharField(max_length=8)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    value = models.DecimalField(
        _("raw value"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    detail = models.JSONField(default=dict, blank=True)
    computed = models.BooleanField(default=True)
    note = models.TextField(_("reviewer's note"), blank=True, max_length=TextLimit.NOTE)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="fidelity_one_rating_per_item"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="fidelity_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.rating}"


class SelfAssessment(models.Model):
    """A program's Housing First self-assessment on a day (fidelity/self_assessment.py)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="self_assessments"
    )
    version = models.CharField(max_length=20)
    on = models.DateField(_("date"), default=timezone.localdate, validators=[past_date])
    answers = models.JSONField()
    scores = models.JSONField()
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.ACCOUNT)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("Housing First self-assessment")
        verbose_name_plural = _("Housing First self-assessments")

    def __str__(self) -> str:
        return f"{self.program} {self.on}"
