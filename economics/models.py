"""Unit costs and service use: what the socio-economic analysis (R26) is computed from.

A price is kept per year: a new year's price is a new row and the old one stays, so last year's
analysis can still be read with last year's prices. Who pays is split between municipality,
region and state as in the Danish socio-economic investment model (SØM)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, non_negative_amount, past_date


class CostKind(models.TextChoices):
    """What a unit cost is the price of. The service kinds match the service-use counts."""

    PROGRAM = "program", _("Program, per person-year")
    SHELTER_NIGHT = "shelter_night", _("Night in a shelter")
    PSYCHIATRIC_DAY = "psychiatric_day", _("Psychiatric bed-day")
    HOSPITAL_DAY = "hospital_day", _("Hospital bed-day")
    EMERGENCY_VISIT = "emergency_visit", _("Emergency department visit")
    AMBULANCE_TRIP = "ambulance_trip", _("Ambulance trip")
    CUSTODY_NIGHT = "custody_night", _("Night in police custody or jail")
    OTHER = "other", _("Other")


# The services whose use is counted, in the order of the forms and tables, with the field of
# ServiceUse that holds the count.
SERVICE_KINDS = (
    CostKind.SHELTER_NIGHT,
    CostKind.PSYCHIATRIC_DAY,
    CostKind.HOSPITAL_DAY,
    CostKind.EMERGENCY_VISIT,
    CostKind.AMBULANCE_TRIP,
    CostKind.CUSTODY_NIGHT,
)
COUNT_FIELD = {
    CostKind.SHELTER_NIGHT: "shelter_nights",
    CostKind.PSYCHIATRIC_DAY: "psychiatric_days",
    CostKind.HOSPITAL_DAY: "hospital_days",
    CostKind.EMERGENCY_VISIT: "emergency_visits",
    CostKind.AMBULANCE_TRIP: "ambulance_trips",
    CostKind.CUSTODY_NIGHT: "custody_nights",
}


class Payer(models.TextChoices):
    """Who pays, as the Danish SØM model splits it (Canada: province for region)."""

    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region or province")
    STATE = "state", _("State or federal")


SHARE_FIELD = {
    Payer.MUNICIPALITY: "municipality_share",
    Payer.REGION: "region_share",
    Payer.STATE: "state_share",
}

_PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class UnitCostQuerySet(models.QuerySet):
    def for_program(self, program) -> "UnitCostQuerySet":
        """The organisation's prices and the program's own ones."""
        return self.filter(
            Q(organisation_id=program.organisation_id),
            Q(program__isnull=True) | Q(program=program),
        )


class UnitCost(models.Model):
    """The price of one unit of a service (or of a person-year of the program) in a year, in the
    organisation's currency, and who pays it."""

    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.PROTECT,
        related_name="unit_costs",
        verbose_name=_("organisation"),
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_costs",
        verbose_name=_("program"),
        help_text=_("Empty: the price holds for the whole organisation."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CostKind.choices)
    label = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("Say what it is when the kind is “other”."),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[non_negative_amount]
    )
    year = models.PositiveSmallIntegerField(
        _("price year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the price refers to."),
    )
    source = models.TextField(
        _("source"), help_text=_("Where the price comes from."), max_length=TextLimit.NOTE
    )
    municipality_share = models.DecimalField(
        _("paid by the municipality (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=_PERCENT,
    )
    region_share = models.DecimalField(
        _("paid by the region or province (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=_PERCENT,
    )
    state_share = models.DecimalField(
        _("paid by the state (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=_PERCENT,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = UnitCostQuerySet.as_manager()

    EDITABLE_FIELDS = (
        "kind",
        "label",
        "amount",
        "year",
        "source",
        "municipality_share",
        "region_share",
        "state_share",
    )

    class Meta:
        ordering = ["kind", "label", "-year", "id"]
        verbose_name = _("unit cost")
        verbose_name_plural = _("unit costs")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "label", "year"],
                condition=Q(program__isnull=True),
                name="economics_one_organisation_price_a_year",
            ),
            models.UniqueConstraint(
                fields=["program", "kind", "label", "year"],
                condition=Q(program__isnull=False),
                name="economics_one_program_price_a_year",
            ),
            models.CheckConstraint(
                condition=Q(
                    municipality_share__gte=0,
                    region_share__gte=0,
                    state_share__gte=0,
                ),
                name="economics_shares_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.get_kind_display()} {self.year}"

    def shares(self) -> dict[str, Decimal]:
        return {payer: getattr(self, field) for payer, field in SHARE_FIELD.items()}

    # One price of a kind and name a year, for the organisation or for one program (the
    # constraints above); the form and the API say it in these words instead.
    ONE_PRICE_A_YEAR = _("There is already a price of this kind for that year: edit it instead.")

    def others_of_its_year(self) -> "models.QuerySet[UnitCost]":
        """The other prices the constraints would not let this one stand beside."""
        return UnitCost.objects.filter(
            organisation_id=self.organisation_id,
            program_id=self.program_id,
            kind=self.kind,
            label=self.label,
            year=self.year,
        ).exclude(pk=self.pk)

    def clean(self) -> None:
        total = sum(self.shares().values(), Decimal(0))
        if total != Decimal(100):
            raise ValidationError(
                {
                    "municipality_share": _(
                        "The shares of who pays must add up to 100 %% (now %(total)s %%)."
                    )
                    % {"total": total}
                }
            )
        if self.kind == CostKind.OTHER and not self.label.strip():
            raise ValidationError({"label": _("Say what the “other” price is for.")})


class Period(models.TextChoices):
    BEFORE = "before", _("Before enrolment")
    SINCE = "since", _("Since enrolment, not in the records")


class Answerer(models.TextChoices):
    PERSON = "person", _("The person")
    WORKER = "worker", _("The worker, from what is known")
    BOTH = "both", _("The person and the worker together")
    OTHER = "other", _("Someone else (a service, a relative)")


class ServiceUseQuerySet(models.QuerySet):
    def before(self) -> "ServiceUseQuerySet":
        return self.filter(period=Period.BEFORE)

    def since(self) -> "ServiceUseQuerySet":
        return self.filter(period=Period.SINCE)


class ServiceUse(models.Model):
    """How often a person used costly services in a period: asked at opening about the 6 or 12
    months before enrolment, or recorded afterwards for what Hearth's records do not hold.
    An empty count means “don't know”: it is left out of the averages, never taken as zero."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="service_use",
        verbose_name=_("case"),
    )
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    starts_on = models.DateField(_("from"), validators=[past_date])
    ends_on = models.DateField(_("until"), help_text=_("The day after the last day counted."))
    shelter_nights = models.PositiveIntegerField(_("nights in a shelter"), null=True, blank=True)
    psychiatric_days = models.PositiveIntegerField(_("psychiatric bed-days"), null=True, blank=True)
    hospital_days = models.PositiveIntegerField(_("hospital bed-days"), null=True, blank=True)
    emergency_visits = models.PositiveIntegerField(
        _("emergency department visits"), null=True, blank=True
    )
    ambulance_trips = models.PositiveIntegerField(_("ambulance trips"), null=True, blank=True)
    custody_nights = models.PositiveIntegerField(
        _("nights in police custody or jail"), null=True, blank=True
    )
    answered_by = models.CharField(_("who answered"), max_length=8, choices=Answerer.choices)
    answered_on = models.DateField(
        _("asked on"), default=timezone.localdate, validators=[past_date]
    )
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = ServiceUseQuerySet.as_manager()

    COUNT_FIELDS = tuple(COUNT_FIELD.values())
    EDITABLE_FIELDS = ("starts_on", "ends_on", *COUNT_FIELDS, "answered_by", "answered_on", "note")

    class Meta:
        ordering = ["period", "-starts_on", "-id"]
        verbose_name = _("service use")
        verbose_name_plural = _("service use")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(period="before"),
                name="economics_one_before_record_a_case",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="economics_service_use_period_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.starts_on}–{self.ends_on}"

    @property
    def person_id(self) -> int:
        return self.case.person_id

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days

    def counts(self) -> dict[str, int | None]:
        return {kind: getattr(self, field) for kind, field in COUNT_FIELD.items()}

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The period must end after it starts.")})
        days = self.days if self.starts_on and self.ends_on else 0
        for field in self.COUNT_FIELDS:
            value = getattr(self, field)
            if field.endswith(("nights", "days")) and value is not None and value > days:
                raise ValidationError(
                    {
                        field: ngettext(
                            "More nights than the %(days)s day of the period.",
                            "More nights than the %(days)s days of the period.",
                            days,
                        )
                        % {"days": days}
                    }
                )
