from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.fields import NameField
from hearth.validators import TextLimit, check_period, non_negative_amount, past_date
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
    started_on = models.DateField(_("from"), default=timezone.localdate, validators=[past_date])
    is_move_in = models.BooleanField(
        _("move-in to a home of their own"), default=False, editable=False
    )
    is_housing_loss = models.BooleanField(_("the home was lost"), default=False, editable=False)
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
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


class LeaseKind(models.TextChoices):
    FIXED_TERM = "fixed_term", _("Fixed term")
    INDEFINITE = "indefinite", _("Indefinite")


class Obligation(models.TextChoices):
    """The only conditions a tenancy can carry: the ordinary obligations of any tenant.
    There is deliberately no sobriety, treatment or program-participation choice (R34)."""

    PAY_RENT = "pay_rent", _("Pay the rent")
    NEIGHBOURS = "neighbours", _("Respect the neighbours' peace")
    ACCESS = "access", _("Give access for repairs and inspections")
    CARE = "care", _("Take reasonable care of the home")
    NO_SUBLET = "no_sublet", _("No subletting without permission")


class EndReason(models.TextChoices):
    CHOSE_TO_MOVE = "chose_to_move", _("Chose to move")
    EVICTED = "evicted", _("Evicted")
    ABANDONED = "abandoned", _("Left the home (abandoned)")
    HOSPITAL = "hospital", _("Hospital")
    PRISON = "prison", _("Prison")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")


def _merge_days(spans: list[tuple[date, date]]) -> int:
    """Days covered by half-open spans [start, end), overlaps counted once."""
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is not None and start < reach:
            start = reach
        if end > start:
            total += (end - start).days
            reach = end if reach is None else max(reach, end)
    return total


class TenancyQuerySet(models.QuerySet):
    def current(self) -> "TenancyQuerySet":
        return self.filter(ended_on__isnull=True)

    def days_housed(
        self, *, today: date, since: date | None = None, through: date | None = None
    ) -> dict[int, int]:
        """Days housed per person (R19): every day in a home of their own, from move-in to the
        end of each tenancy (open tenancies up to and including ``today``), overlapping
        tenancies counted once, gaps not counted. One query for any number of persons; the
        overlap merge is done in Python because SQL cannot portably union date ranges.
        ``since``/``through`` (inclusive) restrict the count to a period (outcomes)."""
        rows = self.values_list("person_id", "started_on", "ended_on")
        return days_housed_from(rows, today=today, since=since, through=through)


def days_housed_from(
    rows, *, today: date, since: date | None = None, through: date | None = None
) -> dict[int, int]:
    """Days housed per person from ``(person_id, started_on, ended_on)`` rows (see
    TenancyQuerySet.days_housed); the person page passes the tenancies it has already read."""
    stop = (through or today) + timedelta(days=1)
    spans: dict[int, list[tuple[date, date]]] = {}
    for person_id, started_on, ended_on in rows:
        start = max(started_on, since) if since else started_on
        end = min(ended_on or stop, stop)
        spans.setdefault(person_id, []).append((start, end))
    return {person_id: _merge_days(s) for person_id, s in spans.items()}


class Tenancy(models.Model):
    """A home of the person's own, from move-in. Housing episodes are the person's own
    timeline, never the case's (R7, R19). Money is in the organisation's currency."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="tenancies",
        verbose_name=_("person"),
    )
    started_on = models.DateField(_("moved in on"), validators=[past_date])
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[past_date])
    address = models.TextField(_("address"), blank=True, max_length=TextLimit.ADDRESS)
    unit = models.ForeignKey(
        "housing.Unit",
        on_delete=models.PROTECT,
        related_name="tenancies",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    provider = models.ForeignKey(
        "housing.HousingProvider",
        on_delete=models.PROTECT,
        related_name="tenancies",
        null=True,
        blank=True,
        verbose_name=_("landlord or housing provider"),
    )
    landlord = NameField(
        _("landlord"), max_length=200, blank=True, help_text=_("If not a provider in the list.")
    )
    lease_signed_on = models.DateField(
        _("lease signed on"), null=True, blank=True, validators=[past_date]
    )
    lease_kind = models.CharField(_("lease"), max_length=12, choices=LeaseKind.choices, blank=True)
    rent = models.DecimalField(
        _("monthly rent"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[non_negative_amount],
    )
    subsidy = models.DecimalField(
        _("monthly housing subsidy"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[non_negative_amount],
    )
    person_share = models.DecimalField(
        _("the person's share"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[non_negative_amount],
    )
    obligations = models.JSONField(
        _("tenancy obligations"),
        default=list,
        blank=True,
        help_text=_("Ordinary obligations of a tenant only: no sobriety or treatment condition."),
    )
    end_reason = models.CharField(
        _("why it ended"), max_length=16, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("about the end"), blank=True, max_length=TextLimit.NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = TenancyQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")

    def __str__(self) -> str:
        return f"{self.started_on} – {self.ended_on or '…'}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def obligation_labels(self) -> list[str]:
        return [str(Obligation(o).label) for o in self.obligations if o in Obligation.values]

    def clean(self) -> None:
        # The end of a tenancy is housing.tenancies.end_tenancy's to check: it is set nowhere
        # else.
        rent, share = self.rent, self.person_share
        if rent is not None and share is not None and share > rent:
            raise ValidationError({"person_share": _("The person's share is more than the rent.")})


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
    on = models.DateField(_("date"), default=timezone.localdate, validators=[past_date])
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, validators=[past_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = TenancyEventQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("tenancy event")
        verbose_name_plural = _("tenancy events")

    def __str__(self) -> str:
        return f"{self.on}: {self.get_kind_display()}"

    def clean(self) -> None:
        check_period(self, "on", "resolved_on")
