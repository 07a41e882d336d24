from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, near_date, past_date


class TeamMeeting(models.Model):
    """The ACT team's daily meeting (R3): who attended and which persons were reviewed.
    DACTS H3 ("program meeting") counts these."""

    team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("team")
    )
    on = models.DateField(_("date"), default=timezone.localdate, validators=[past_date])
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meetings", verbose_name=_("attended"), blank=True
    )
    notes = models.TextField(_("notes"), blank=True, max_length=TextLimit.STORY)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = ["-on"]
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        constraints = [
            models.UniqueConstraint(fields=["team", "on"], name="one_meeting_per_team_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.on}"


class MeetingEntry(models.Model):
    """The team's line about one person at one meeting."""

    meeting = models.ForeignKey(TeamMeeting, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="meeting_entries")
    line = models.TextField(_("the team's line"), blank=True, max_length=TextLimit.NOTE)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "case__person__family_name"]
        verbose_name = _("meeting entry")
        verbose_name_plural = _("meeting entries")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"], name="one_entry_per_case_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.case_id}"


class ConferenceStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("case conference", "Scheduled")
    HELD = "held", pgettext_lazy("case conference", "Held")
    CANCELLED = "cancelled", pgettext_lazy("case conference", "Cancelled")


class CaseConference(models.Model):
    """A scheduled in-depth discussion of one case (R17): participants, partners too, and the
    strategy developed or revised."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="conferences", verbose_name=_("case")
    )
    scheduled_for = models.DateTimeField(_("when"), validators=[near_date])
    purpose = models.TextField(_("what the team wants to think through"), max_length=TextLimit.NOTE)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="conferences",
        verbose_name=_("staff taking part"),
        blank=True,
    )
    partners = models.TextField(
        _("partners taking part"),
        blank=True,
        help_text=_("Family doctor, psychiatry, the housing provider… with the person's consent."),
        max_length=TextLimit.NOTE,
    )
    person_present = models.BooleanField(_("the person takes part"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.SCHEDULED,
    )
    strategy = models.TextField(
        _("strategy developed or revised"), blank=True, max_length=TextLimit.ACCOUNT
    )
    plan_reference = models.CharField(
        _("link to the person's plan"),
        max_length=300,
        blank=True,
        help_text=_("Which goal or action plan of the person this strategy serves."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return f"{self.scheduled_for:%Y-%m-%d} {self.case_id}"
