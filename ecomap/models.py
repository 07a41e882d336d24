"""The person's network as data (R12): ties to people and organisations, and dated snapshots of
the whole map so change can be seen over time."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hearth.fields import NameField
from hearth.validators import TextLimit, past_date


class TieKind(models.TextChoices):
    """Who or what the tie is with. The drawing groups the circles in this order."""

    FAMILY = "family", _("Family")
    FRIEND = "friend", _("Friend")
    NEIGHBOUR = "neighbour", _("Neighbour")
    PEER = "peer", _("Peer")
    PET = "pet", _("Pet")
    WORK = "work", _("Work or study")
    FAITH = "faith", _("Faith community")
    LEISURE = "leisure", _("Leisure")
    HOUSING = "housing", _("Housing provider or landlord")
    SERVICE = "service", _("Service")
    PROFESSIONAL = "professional", _("Professional")
    OTHER = "other", _("Other")


class Strength(models.TextChoices):
    STRONG = "strong", _("Strong")
    MODERATE = "moderate", pgettext_lazy("strength", "Moderate")
    TENUOUS = "tenuous", _("Tenuous")


class Quality(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    MIXED = "mixed", _("Mixed")
    STRESSFUL = "stressful", _("Stressful")


class Direction(models.TextChoices):
    """Which way support, energy or resources flow (the arrows of the drawing)."""

    TO_PERSON = "to_person", _("To the person")
    FROM_PERSON = "from_person", _("From the person")
    BOTH = "both", _("Both ways")
    NONE = "none", _("Neither way")


class Frequency(models.TextChoices):
    DAILY = "daily", pgettext_lazy("how often a tie is in touch", "Daily")
    WEEKLY = "weekly", pgettext_lazy("how often a tie is in touch", "Weekly")
    MONTHLY = "monthly", pgettext_lazy("how often a tie is in touch", "Monthly")
    RARELY = "rarely", pgettext_lazy("how often a tie is in touch", "Rarely")


# Order used to tell whether a tie grew stronger or weaker, better or more strained.
STRENGTH_RANK = {Strength.TENUOUS: 1, Strength.MODERATE: 2, Strength.STRONG: 3}
QUALITY_RANK = {Quality.STRESSFUL: 0, Quality.MIXED: 1, Quality.SUPPORTIVE: 2}


class TieQuerySet(models.QuerySet):
    def current(self) -> "TieQuerySet":
        """Ties that have not ended: the ones drawn on the map."""
        return self.filter(ended_on__isnull=True)

    def ended(self) -> "TieQuerySet":
        return self.filter(ended_on__isnull=False)


class Tie(models.Model):
    """One person, group or organisation in the person's life, and what the tie is like.

    A tie that ends keeps its row (``ended_on``): the map of the past stays readable."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="ties", verbose_name=_("person")
    )
    name = NameField(
        _("who or what"),
        max_length=120,
        help_text=_("As the person calls them: “my sister Ana”, “the football club”."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TieKind.choices)
    strength = models.CharField(
        _("strength"), max_length=10, choices=Strength.choices, default=Strength.MODERATE
    )
    quality = models.CharField(
        _("quality"), max_length=10, choices=Quality.choices, default=Quality.SUPPORTIVE
    )
    direction = models.CharField(
        _("support flows"),
        max_length=12,
        choices=Direction.choices,
        default=Direction.BOTH,
        help_text=_("Which way support, energy or resources flow."),
    )
    frequency = models.CharField(_("in touch"), max_length=8, choices=Frequency.choices, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[past_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = TieQuerySet.as_manager()

    # What a worker may change on a tie, in forms and in the API alike.
    EDITABLE_FIELDS = ("name", "kind", "strength", "quality", "direction", "frequency", "note")

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class SnapshotQuerySet(models.QuerySet):
    def chronological(self) -> "SnapshotQuerySet":
        return self.order_by("taken_on", "id")


class Snapshot(models.Model):
    """The map as it was on a day: a frozen copy of the current ties and their attributes,
    kept as written so later edits of a tie never change it (see ``ecomap.network``)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="ecomap_snapshots",
        verbose_name=_("person"),
    )
    taken_on = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The day the map was looked at with the person."),
        validators=[past_date],
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taken by"),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What the person said about their network."),
        max_length=TextLimit.NOTE,
    )
    # [{"id": tie id, "name", "kind", "strength", "quality", "direction", "frequency", "note"}]
    ties = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("ecomap snapshot")
        verbose_name_plural = _("ecomap snapshots")

    def __str__(self) -> str:
        return f"{self.taken_on}"
