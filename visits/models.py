from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
    on = models.DateField(_("date"), default=timezone.localdate, db_index=True)
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
    note = models.TextField(_("short note"), blank=True)
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
