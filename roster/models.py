"""Shifts and on-call duties per team (R2, R3): what the coverage check and "who is on call
now" read."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.validators import near_date
from programs.models import Membership

# A shift longer than this is a mistake, not a duty: nobody is on call for more than a day.
MAX_SHIFT = timedelta(hours=24)


class ShiftQuerySet(models.QuerySet):
    def for_team(self, team) -> "ShiftQuerySet":
        return self.filter(team=team)

    def overlapping(self, start: datetime, end: datetime) -> "ShiftQuerySet":
        """Shifts that share at least a moment with [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def covering(self, moment: datetime) -> "ShiftQuerySet":
        """Shifts of either kind under way at ``moment``."""
        return self.filter(starts_at__lte=moment, ends_at__gt=moment)

    def on_call_at(self, moment: datetime) -> "ShiftQuerySet":
        return self.covering(moment).filter(kind=Shift.Kind.ON_CALL)

    def for_roster_page(self) -> "ShiftQuerySet":
        return self.select_related("user").order_by("starts_at", "id")


class Shift(models.Model):
    """A staff member working (shift) or reachable (on call) for a team, from one moment to
    another. Both kinds count as coverage of the program's hours."""

    class Kind(models.TextChoices):
        SHIFT = "shift", _("Shift")
        ON_CALL = "on_call", _("On call")

    team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, related_name="shifts", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shifts",
        verbose_name=_("staff member"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SHIFT)
    starts_at = models.DateTimeField(_("starts at"), db_index=True, validators=[near_date])
    ends_at = models.DateTimeField(_("ends at"), db_index=True, validators=[near_date])
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="shift_ends_after_start",
                violation_error_message=_("A shift ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> timedelta:
        # In UTC: two datetimes sharing a tzinfo subtract by wall clock, wrong across DST.
        return self.ends_at.astimezone(UTC) - self.starts_at.astimezone(UTC)

    @property
    def hours(self) -> float:
        return self.duration.total_seconds() / 3600

    def has_started(self, *, now: datetime) -> bool:
        return self.starts_at <= now

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.starts_at and self.ends_at:
            if self.duration <= timedelta(0):
                errors["ends_at"] = _("A shift ends after it starts.")
            elif self.duration > MAX_SHIFT:
                errors["ends_at"] = _("A shift lasts at most 24 hours.")
        if self.team_id and self.user_id and self.starts_at:
            zone = ZoneInfo(self.team.program.organisation.time_zone)
            on = self.starts_at.astimezone(zone).date()
            member = (
                Membership.objects.active(on=on).filter(team_id=self.team_id, user_id=self.user_id)
            ).exists()
            if not member:
                errors["user"] = _("This person is not on the team's staff on that day.")
        if errors:
            raise ValidationError(errors)
