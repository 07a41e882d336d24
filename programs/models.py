from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, far_date, near_date
from programs.roles import ORGANISATION_ROLES, PROGRAM_ROLES, Role


class Country(models.TextChoices):
    CANADA = "CA", _("Canada")
    DENMARK = "DK", _("Denmark")
    BRAZIL = "BR", _("Brazil")
    UNITED_STATES = "US", _("United States")


class Currency(models.TextChoices):
    CAD = "CAD", _("Canadian dollar")
    DKK = "DKK", _("Danish krone")
    BRL = "BRL", _("Brazilian real")
    USD = "USD", _("US dollar")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError({"time_zone": _("Unknown time zone.")}) from exc


class ServiceModel(models.TextChoices):
    ICM = "ICM", _("Intensive Case Management (ICM)")
    ACT = "ACT", _("Assertive Community Treatment (ACT)")
    CTI = "CTI", _("Critical Time Intervention (CTI)")


class CoveragePolicy(models.TextChoices):
    DAYS_7_HOURS_12 = "7x12", _("7 days × 12 hours")
    ALWAYS = "24x7", _("24 hours, 7 days (24/7)")
    OFFICE_HOURS = "office", _("Office hours")


class MeetingCadence(models.TextChoices):
    DAILY = "daily", pgettext_lazy("how often the team meets", "Daily")
    WEEKLY = "weekly", pgettext_lazy("how often the team meets", "Weekly")
    FORTNIGHTLY = "fortnightly", pgettext_lazy("how often the team meets", "Every two weeks")


def standards_for(model: str, country: str) -> dict:
    """The defaults a new program starts from (it may change them afterwards).

    From shared/reference/models-and-standards.md (R1, R23).
    """
    base = {
        ServiceModel.ICM: {
            "persons_per_worker": 20,
            "coverage_policy": CoveragePolicy.DAYS_7_HOURS_12,
            "meeting_cadence": MeetingCadence.WEEKLY,
            "time_unlimited": True,
        },
        ServiceModel.ACT: {
            "persons_per_worker": 10,
            "coverage_policy": CoveragePolicy.ALWAYS,
            "meeting_cadence": MeetingCadence.DAILY,
            "time_unlimited": True,
        },
        ServiceModel.CTI: {
            "persons_per_worker": 8,
            "coverage_policy": CoveragePolicy.OFFICE_HOURS,
            "meeting_cadence": MeetingCadence.WEEKLY,
            "time_unlimited": False,
        },
    }[ServiceModel(model)].copy()
    if model == ServiceModel.ICM and country == Country.DENMARK:
        base["persons_per_worker"] = 8  # Danish ICM standard: at most 8 (seed 003, R23)
    return base


def default_sensitive_roles() -> list[str]:
    """Who sees mental-health and substance-use answers unless the program decides (R35)."""
    return [
        Role.CASE_MANAGER,
        Role.TEAM_LEAD,
        Role.PSYCHIATRIST,
        Role.DOCTOR,
        Role.NURSE,
        Role.SUBSTANCE_USE,
    ]


class Program(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    model = models.CharField(_("service model"), max_length=3, choices=ServiceModel.choices)
    persons_per_worker = models.PositiveSmallIntegerField(
        _("persons per worker"),
        help_text=_(
            "The standard: at most this many persons per worker (ICM) or per team member (ACT)."
        ),
    )
    coverage_policy = models.CharField(_("coverage"), max_length=10, choices=CoveragePolicy.choices)
    meeting_cadence = models.CharField(
        _("team meetings"), max_length=12, choices=MeetingCadence.choices
    )
    time_unlimited = models.BooleanField(
        _("time-unlimited support"),
        default=True,
        help_text=_("Support lasts as long as the person needs it."),
    )
    weekly_visits_months = models.PositiveSmallIntegerField(
        _("months of weekly visits after move-in"), default=3
    )
    sensitive_roles = models.JSONField(
        _("roles that see sensitive answers"),
        default=default_sensitive_roles,
        blank=True,
        help_text=_("Mental health and substance use details are shown only to these roles."),
    )
    target_group = models.TextField(_("target group"), blank=True, max_length=TextLimit.NOTE)
    approach = models.TextField(_("approach"), blank=True, max_length=TextLimit.NOTE)
    expected_effect = models.TextField(_("expected effect"), blank=True, max_length=TextLimit.NOTE)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    @property
    def is_act(self) -> bool:
        return self.model == ServiceModel.ACT

    def apply_standard_defaults(self) -> None:
        for field, value in standards_for(self.model, self.organisation.country).items():
            setattr(self, field, value)


class Team(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="teams", verbose_name=_("program")
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("team phone"), max_length=40, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["program__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, *, on: date | None = None) -> "MembershipQuerySet":
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def for_team(self, team: Team) -> "MembershipQuerySet":
        return self.filter(team=team)


class Membership(models.Model):
    """A staff member's place: role, FTE and dates. Fidelity measures read these."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("staff member"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("program"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("team"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    fte = models.DecimalField(
        _("FTE"),
        max_digits=3,
        decimal_places=2,
        default=1,
        help_text=_("Full-time equivalent, for example 0.5 for half time."),
        validators=[
            MinValueValidator(Decimal("0.01"), _("The FTE is more than 0.")),
            MaxValueValidator(Decimal("1"), _("The FTE is at most 1 (full time).")),
        ],
    )
    start_date = models.DateField(
        _("start date"), default=timezone.localdate, validators=[near_date]
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=[far_date])
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "team__name", "user__last_name"]
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                name="membership_fte_between_0_and_1",
                violation_error_message=_("The FTE is more than 0 and at most 1."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_name}"

    @property
    def scope_name(self) -> str:
        return str(self.team or self.program or self.organisation)

    def clean(self) -> None:
        errors = {}
        if self.role in ORGANISATION_ROLES:
            self.program = None
            self.team = None
        elif self.role in PROGRAM_ROLES:
            self.team = None
            if not self.program_id:
                errors["program"] = _("A program manager belongs to a program.")
        elif not self.team_id:
            errors["team"] = _("This role belongs to a team.")
        if self.team_id:
            self.program = self.team.program
        if self.program_id and self.program.organisation_id != self.organisation_id:
            errors["program"] = _("The program belongs to another organisation.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        # The wider scopes are derived from the narrower one, so they can never disagree.
        if self.team_id:
            self.program_id = self.team.program_id
        if self.program_id:
            self.organisation_id = self.program.organisation_id
        super().save(*args, **kwargs)
