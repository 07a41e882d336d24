"""The housing supply of an organisation (R24): providers, cooperation agreements and units.
Visible to the organisation's staff only; team leads, program managers and data administrators
edit it."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.fields import NameField
from hearth.validators import TextLimit, check_period, far_date, non_negative_amount
from programs.staff import organisations_staffed_by


class ProviderKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal housing allocation")
    ASSOCIATION = "association", _("Housing association")
    PRIVATE = "private", _("Private landlord")
    OTHER = "other", _("Other")


class HousingProvider(models.Model):
    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.PROTECT,
        related_name="housing_providers",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ProviderKind.choices)
    contact_name = NameField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("housing provider")
        verbose_name_plural = _("housing providers")

    def __str__(self) -> str:
        return self.name


class CooperationAgreement(models.Model):
    """An agreement with a provider for a number of homes (the Danish standard's
    prerequisite of a systematic housing supply)."""

    provider = models.ForeignKey(
        HousingProvider,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("housing provider"),
    )
    homes = models.PositiveIntegerField(
        _("number of homes"),
        validators=[MinValueValidator(1, _("An agreement is for at least one home."))],
    )
    starts_on = models.DateField(_("starts on"), validators=[far_date])
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[far_date])
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self) -> str:
        return f"{self.provider}: {self.homes}"

    def clean(self) -> None:
        check_period(self, "starts_on", "ends_on")


class UnitType(models.TextChoices):
    SCATTERED = "scattered", _("Scattered site")
    CONGREGATE = "congregate", _("Congregate")


class UnitStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    OFFERED = "offered", _("Offered")
    OCCUPIED = "occupied", _("Occupied")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free")
    LIFT = "lift", _("Lift")
    GROUND_FLOOR = "ground_floor", _("Ground floor")
    ADAPTED_BATHROOM = "adapted_bathroom", _("Adapted bathroom")


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user) -> "UnitQuerySet":
        return self.filter(provider__organisation__in=organisations_staffed_by(user))

    def for_supply_list(self) -> "UnitQuerySet":
        """The supply page: one query whatever the number of units."""
        return self.select_related("provider").order_by("area", "provider__name", "address")


class Unit(models.Model):
    provider = models.ForeignKey(
        HousingProvider,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("housing provider"),
    )
    address = models.TextField(_("address"), max_length=TextLimit.ADDRESS)
    area = models.CharField(_("area or district"), max_length=120)
    unit_type = models.CharField(_("type"), max_length=12, choices=UnitType.choices)
    rooms = models.PositiveSmallIntegerField(
        _("rooms"), validators=[MinValueValidator(1, _("A home has at least one room."))]
    )
    rent = models.DecimalField(
        _("monthly rent"), max_digits=10, decimal_places=2, validators=[non_negative_amount]
    )
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    accessibility_note = models.CharField(_("about accessibility"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=UnitStatus.choices, default=UnitStatus.AVAILABLE
    )
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["area", "address", "id"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.address.splitlines()[0] if self.address else str(self.pk)

    def accessibility_labels(self) -> list[str]:
        return [
            str(Accessibility(a).label) for a in self.accessibility if a in Accessibility.values
        ]
