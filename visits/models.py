from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, near_date, past_date


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment to an appointment")
    PHONE = "phone", _("Phone or video")
    OUTREACH = "outreach", _("Street outreach")
    CRISIS = "crisis", _("Crisis response")
    INFORMAL_SUPPORTS = "informal_supports", _("Contact with family or friends")


class Place(models.TextChoices):
    HOME = "home", _("The person's home")
    COMMUNITY = "community", _("In the community")
    OFFICE = "office", _("Office")
    REMOTE = "remote", _("Remote")


class Contact(models.Model):
    """One contact with or about a person. Fidelity measures (DACTS H2, S1, S4–S6) read
    exactly these fields."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="contacts", verbose_name=_("case")
    )
    on = models.DateField(
        _("date"), default=timezone.localdate, db_index=True, validators=[past_date]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="contacts", verbose_name=_("staff present")
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes"),
        validators=[
            MinValueValidator(1, _("A contact lasts at least a minute.")),
            MaxValueValidator(1440, _("A contact cannot last more than a day.")),
        ],
    )
    place = models.CharField(_("place"), max_length=10, choices=Place.choices)
    face_to_face = models.BooleanField(_("face to face"), default=True)
    accompanied_to = models.CharField(
        _("accompanied to"),
        max_length=200,
        blank=True,
        help_text=_("For an accompaniment: the family doctor, the benefits office, court…"),
    )
    note = models.TextField(_("short note"), blank=True, max_length=TextLimit.ACCOUNT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0) & models.Q(minutes__lte=1440),
                name="contact_minutes_within_a_day",
                violation_error_message=_("A contact lasts between 1 minute and a day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class CadenceAgreement(models.Model):
    """How often the person wants to be visited, agreed with them (R10). A promise of support,
    never a deadline for the person: nothing happens to a case when a visit is late."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="cadence_agreements",
        verbose_name=_("case"),
    )
    interval_days = models.PositiveSmallIntegerField(
        _("visit every (days)"),
        validators=[
            MinValueValidator(1, _("At least one day between visits.")),
            MaxValueValidator(90, _("At most 90 days between visits.")),
        ],
    )
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate, validators=[past_date])
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-agreed_on", "-id"]
        verbose_name = _("visit frequency agreement")
        verbose_name_plural = _("visit frequency agreements")

    def __str__(self) -> str:
        return f"{self.agreed_on}: {self.interval_days}"


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("appointment", "Planned")
    DONE = "done", pgettext_lazy("appointment", "Done")
    CANCELLED = "cancelled", pgettext_lazy("appointment", "Cancelled")


class AppointmentQuerySet(models.QuerySet):
    def for_staff(self, user) -> "AppointmentQuerySet":
        return self.filter(staff=user)

    def between(self, start, end) -> "AppointmentQuerySet":
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def planned(self) -> "AppointmentQuerySet":
        return self.filter(status=AppointmentStatus.PLANNED)


class Appointment(models.Model):
    """A planned visit or accompaniment on a worker's agenda."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("case"),
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True, validators=[near_date])
    minutes = models.PositiveSmallIntegerField(
        _("minutes"),
        default=60,
        validators=[
            MinValueValidator(5, _("At least 5 minutes.")),
            MaxValueValidator(720, _("At most 12 hours.")),
        ],
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ContactKind.choices, default=ContactKind.HOME_VISIT
    )
    place = models.CharField(_("place"), max_length=10, choices=Place.choices, default=Place.HOME)
    where = models.CharField(
        _("address or meeting point"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty for the person's own address."),
    )
    accompany_to = models.CharField(
        _("accompany to"),
        max_length=200,
        blank=True,
        help_text=_("Who the person is meeting: the family doctor, the benefits office, court…"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="appointments", verbose_name=_("staff")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    contact = models.OneToOneField(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
        verbose_name=_("contact recorded"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    @property
    def address(self) -> str:
        return self.where or self.case.person.address


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", pgettext_lazy("severity", "Moderate")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical: life or safety at risk")


class Crisis(models.Model):
    """A crisis, recorded as it is: expected, recurrent, never a reason to end support (R17)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="crises", verbose_name=_("case")
    )
    occurred_at = models.DateTimeField(
        _("when"), default=timezone.now, db_index=True, validators=[past_date]
    )
    what = models.TextField(_("what happened"), max_length=TextLimit.ACCOUNT)
    severity = models.CharField(_("how serious"), max_length=10, choices=Severity.choices)
    responders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="crisis_responses",
        blank=True,
        verbose_name=_("who responded"),
    )
    response = models.TextField(
        _("how the team responded"), blank=True, max_length=TextLimit.ACCOUNT
    )
    outcome = models.TextField(_("outcome"), blank=True, max_length=TextLimit.NOTE)
    follow_up = models.TextField(_("follow-up"), blank=True, max_length=TextLimit.NOTE)
    follow_up_on = models.DateField(
        _("follow up on"), null=True, blank=True, validators=[near_date]
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crises",
        verbose_name=_("crisis contact"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_severity_display()}"


class CalendarFeed(models.Model):
    """A worker's private iCalendar link for their phone. The token is the only key: replacing
    it revokes the old link. The feed carries no more than initials and the kind of place."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
