"""The housing search of a case, until move-in (R8), and the offers made to the person.
Refusing an offer costs the person nothing (R34): there is no priority, no strike and no count
of refusals anywhere in this model."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, past_date
from housing.models.supply import UnitType


class SearchReason(models.TextChoices):
    FIRST_HOME = "first_home", _("First home")
    REHOUSING = "rehousing", _("Rehousing after a loss")


class HousingSearch(models.Model):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="housing_searches",
        verbose_name=_("case"),
    )
    opened_on = models.DateField(_("search opened on"), validators=[past_date])
    reason = models.CharField(_("why"), max_length=12, choices=SearchReason.choices)
    closed_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)
    tenancy = models.OneToOneField(
        "housing.Tenancy",
        on_delete=models.PROTECT,
        related_name="search",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("the tenancy it led to"),
    )
    areas = models.CharField(_("areas they would like"), max_length=300, blank=True)
    unit_type = models.CharField(_("type"), max_length=12, choices=UnitType.choices, blank=True)
    rooms = models.PositiveSmallIntegerField(_("rooms"), null=True, blank=True)
    accessibility = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_note = models.CharField(_("about accessibility"), max_length=300, blank=True)
    what_matters = models.TextField(
        _("what matters to them, in their own words"), blank=True, max_length=TextLimit.ACCOUNT
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("housing search")
        verbose_name_plural = _("housing searches")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.opened_on})"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def days(self, *, today: date) -> int:
        """Days from opening to move-in, or so far for an open search."""
        return ((self.closed_on or today) - self.opened_on).days


class Answer(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED_BY_PERSON = "refused_person", _("Refused by the person")
    REFUSED_BY_LANDLORD = "refused_landlord", _("Refused by the landlord")


REFUSALS = (Answer.REFUSED_BY_PERSON, Answer.REFUSED_BY_LANDLORD)


class Offer(models.Model):
    search = models.ForeignKey(
        HousingSearch, on_delete=models.PROTECT, related_name="offers", verbose_name=_("search")
    )
    unit = models.ForeignKey(
        "housing.Unit",
        on_delete=models.PROTECT,
        related_name="offers",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    address = models.TextField(
        _("address"),
        blank=True,
        help_text=_("If not a unit in the list."),
        max_length=TextLimit.ADDRESS,
    )
    offered_on = models.DateField(_("offered on"), validators=[past_date])
    answer = models.CharField(
        _("answer"), max_length=16, choices=Answer.choices, default=Answer.WAITING
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True, validators=[past_date])
    reason = models.TextField(_("reason"), blank=True, max_length=TextLimit.NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_on", "-id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.where

    @property
    def where(self) -> str:
        if self.unit_id:
            return str(self.unit)
        return self.address.splitlines()[0] if self.address else ""
