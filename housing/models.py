from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from housing.situations import Group, Situation, group_of


class LivingSituationQuerySet(models.QuerySet):
    def current_for(self, person_ids) -> dict[int, "LivingSituation"]:
        """The latest living situation of each person, in one query."""
        latest: dict[int, LivingSituation] = {}
        for situation in self.filter(person_id__in=person_ids).order_by(
            "person_id", "-started_on", "-id"
        ):
            latest.setdefault(situation.person_id, situation)
        return latest


class LivingSituation(models.Model):
    """Where a person lives from a date on (R6). Their own timeline, never the case's (R7):
    recording a new situation — losing a home included — never closes or pauses a case."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="living_situations",
        verbose_name=_("person"),
    )
    code = models.PositiveSmallIntegerField(_("living situation"), choices=Situation.choices)
    started_on = models.DateField(_("from"), default=timezone.localdate)
    is_move_in = models.BooleanField(
        _("move-in to a home of their own"), default=False, editable=False
    )
    is_housing_loss = models.BooleanField(_("the home was lost"), default=False, editable=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = LivingSituationQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("living situation")
        verbose_name_plural = _("living situations")

    def __str__(self) -> str:
        return f"{self.started_on}: {self.get_code_display()}"

    @property
    def group(self) -> Group:
        return group_of(self.code)


class Tenancy(models.Model):
    """A home of the person's own, from move-in. Housing episodes are the person's own
    timeline, never the case's (R7, R19)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="tenancies",
        verbose_name=_("person"),
    )
    started_on = models.DateField(_("moved in on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")

    def __str__(self) -> str:
        return f"{self.started_on} – {self.ended_on or '…'}"


class TenancyEventKind(models.TextChoices):
    ARREARS = "arrears", _("Rent arrears")
    COMPLAINT = "complaint", _("Complaint")
    NEIGHBOUR_CONFLICT = "neighbour_conflict", _("Conflict with neighbours")
    REPAIR = "repair", _("Repair needed")
    INSPECTION = "inspection", _("Inspection")
    EVICTION_NOTICE = "eviction_notice", _("Eviction notice")
    HOME_AT_RISK = "home_at_risk", _("Home at risk")


# What puts the home at risk on the team's meeting board until it is resolved.
AT_RISK_KINDS = (TenancyEventKind.EVICTION_NOTICE, TenancyEventKind.HOME_AT_RISK)


class TenancyEventQuerySet(models.QuerySet):
    def home_at_risk(self) -> "TenancyEventQuerySet":
        return self.filter(
            kind__in=AT_RISK_KINDS, resolved_on__isnull=True, tenancy__ended_on__isnull=True
        )


class TenancyEvent(models.Model):
    tenancy = models.ForeignKey(
        Tenancy, on_delete=models.PROTECT, related_name="events", verbose_name=_("tenancy")
    )
    kind = models.CharField(_("what"), max_length=20, choices=TenancyEventKind.choices)
    on = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = TenancyEventQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("tenancy event")
        verbose_name_plural = _("tenancy events")

    def __str__(self) -> str:
        return f"{self.on}: {self.get_kind_display()}"
