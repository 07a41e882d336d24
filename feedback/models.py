"""Feedback rounds and their anonymous answers (issue 6 §5; BRIEF R35, R36).

An answer has no link to a person or a user: not a foreign key, not a timestamp, not an
ordered id (its key is random), and no history table (a history row would name the user).
Staff answer signed in; only *that* they answered is kept, in ``StaffAnswered``, so nobody
answers twice.
"""

import secrets
import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit, near_date


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Audience(models.TextChoices):
    PERSONS = "persons", _("Persons supported")
    STAFF = "staff", _("Staff")


class Channel(models.TextChoices):
    LINK = "link", _("Round link")
    HANDED = "handed", _("A worker's phone, handed over")
    SIGNED_IN = "signed_in", _("Signed in")


class RoundQuerySet(models.QuerySet):
    def open_on(self, today: date) -> "RoundQuerySet":
        return self.filter(opens_on__lte=today, closes_on__gte=today)


class Round(models.Model):
    """A program's survey round: open from ``opens_on`` to ``closes_on`` (both included)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="feedback_rounds"
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    opens_on = models.DateField(_("opens on"), validators=[near_date])
    closes_on = models.DateField(_("closes on"), validators=[near_date])
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    persons_version = models.CharField(max_length=20)
    staff_version = models.CharField(max_length=20)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="feedback_round_closes_after_it_opens",
            )
        ]
        verbose_name = _("feedback round")
        verbose_name_plural = _("feedback rounds")

    def __str__(self) -> str:
        return self.title or f"{self.program} {self.opens_on:%Y-%m-%d}"

    def is_open(self, *, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


class Answer(models.Model):
    """One anonymous answer sheet. The team (when known) is the team of the worker whose phone
    was handed over, or of the staff member: never a person, never a user (R35)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="answers")
    team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    version = models.CharField(max_length=20)
    comment = models.TextField(blank=True, max_length=TextLimit.NOTE)

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        indexes = [models.Index(fields=["round", "audience", "team"])]

    def __str__(self) -> str:
        return f"{self.round_id} {self.audience}"


class Score(models.Model):
    """One question's answer on a sheet, from 1 to 5 (aggregated in the database)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="scores")
    code = models.CharField(max_length=12)
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "code"], name="feedback_one_score_each"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="feedback_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.value}"


class StaffAnswered(models.Model):
    """That a staff member answered a round's staff survey, not what (no link to the answer)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="staff_answered")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="feedback_staff_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.user_id}"
