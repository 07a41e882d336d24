"""Goals and action plans (R13, R21, R22, R29, R31).

A goal starts from the person's own words (their wishes, hopes and dreams) and is then made
SMART with them; each goal links to the barriers and strengths the vulnerability framework found,
and unfolds into action steps for the person and for the team (seed 002). Every version of the
plan is kept as a frozen snapshot, with the person's agreement recorded on it.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.fields import NameField
from hearth.signatures import AgreementWay, signature_column
from hearth.validators import TextLimit, past_date
from programs.staff import team_staff
from tools.areas import LifeArea
from tools.models import Factor, FactorKind

LINK_DEFAULT_DAYS = 30
LINK_MAX_DAYS = 90


class Plan(models.Model):
    """The person's plan in one case: their goals, and every version they agreed."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="plan", verbose_name=_("case")
    )
    review_interval_days = models.PositiveSmallIntegerField(
        _("look at the plan together every … days"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("At least one day.")),
            MaxValueValidator(730, _("At most two years.")),
        ],
        help_text=_(
            "As often as the person would like, for example 90 for every three months. "
            "Leave empty if they prefer no set interval."
        ),
    )
    last_reviewed_on = models.DateField(
        _("last reviewed on"), null=True, blank=True, validators=[past_date]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(_("Plan")) + f" #{self.pk}"

    @property
    def next_review_on(self) -> date | None:
        """The next look at the plan, at the interval the person chose; never a deadline."""
        if not self.review_interval_days:
            return None
        since = self.last_reviewed_on or timezone.localdate(self.created_at)
        return since + timedelta(days=self.review_interval_days)

    def next_goal_order(self) -> int:
        last = self.goals.aggregate(m=models.Max("order"))["m"]
        return 0 if last is None else last + 1


class GoalStatus(models.TextChoices):
    # Never "failed": a goal the person changes or sets aside is their choice (Housing First).
    OPEN = "open", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    CHANGED = "changed", _("Changed by the person")
    SET_ASIDE = "set_aside", _("Set aside for now")


class GoalQuerySet(models.QuerySet):
    def for_plan_page(self) -> "GoalQuerySet":
        """Goals with their factors and steps: three prefetches, whatever their number."""
        factors = Factor.objects.select_related("catalogue_entry").order_by("area", "id")
        return self.prefetch_related(
            Prefetch("barriers", queryset=factors),
            Prefetch("strengths", queryset=factors),
            Prefetch(
                "steps",
                queryset=ActionStep.objects.select_related("owner_user").order_by("order", "id"),
            ),
        ).order_by("order", "id")


class Goal(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="goals", verbose_name=_("plan")
    )
    own_words = models.TextField(
        _("the goal, in the person's own words"),
        help_text=_("Their wish, hope or dream, written down as they say it."),
        max_length=TextLimit.NOTE,
    )
    what_exactly = models.TextField(
        _("what exactly"),
        blank=True,
        help_text=_("What will be different, said together."),
        max_length=TextLimit.NOTE,
    )
    how_we_will_know = models.TextField(
        _("how we will know"),
        blank=True,
        help_text=_("What shows that it is happening."),
        max_length=TextLimit.NOTE,
    )
    life_area = models.CharField(_("life area"), max_length=24, choices=LifeArea.choices)
    time_frame = models.CharField(
        _("time frame, only if the person chooses one"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave empty unless the person wants a time frame, in their words "
            "(“before the summer”). Hearth never sets one."
        ),
    )
    barriers = models.ManyToManyField(
        Factor,
        blank=True,
        related_name="goals_as_barrier",
        verbose_name=_("barriers it works on"),
        limit_choices_to={"kind": FactorKind.RISK},
    )
    strengths = models.ManyToManyField(
        Factor,
        blank=True,
        related_name="goals_as_strength",
        verbose_name=_("strengths it builds on"),
        limit_choices_to={"kind": FactorKind.PROTECTION},
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.own_words[:80]

    def clean(self) -> None:
        if not (self.own_words or "").strip():
            raise ValidationError(
                {"own_words": _("Write the goal down in the person's own words first.")}
            )


def check_factors(case_id: int, *, barriers, strengths) -> dict:
    """Barriers are risk factors and strengths protection factors, of this case only."""
    errors = {}
    if any(f.case_id != case_id or f.kind != FactorKind.RISK for f in barriers):
        errors["barriers"] = _("A barrier is a risk factor from this person's framework.")
    if any(f.case_id != case_id or f.kind != FactorKind.PROTECTION for f in strengths):
        errors["strengths"] = _("A strength is a protection factor from this person's framework.")
    return errors


class OwnerKind(models.TextChoices):
    PERSON = "person", _("The person")
    CASE_MANAGER = "case_manager", _("The case manager")
    MONITORING_AGENT = "monitoring_agent", _("The monitoring agent")
    TEAM_MEMBER = "team_member", _("Another team member")
    PARTNER = "partner", _("A partner")


STAFF_OWNERS = (OwnerKind.CASE_MANAGER, OwnerKind.MONITORING_AGENT, OwnerKind.TEAM_MEMBER)


class StepStatus(models.TextChoices):
    TO_DO = "to_do", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NO_LONGER_NEEDED = "no_longer_needed", _("No longer needed")


class ActionStep(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="steps", verbose_name=_("goal")
    )
    description = models.TextField(_("the step"), max_length=TextLimit.NOTE)
    owner_kind = models.CharField(_("who does it"), max_length=16, choices=OwnerKind.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_steps",
        verbose_name=_("who on the team"),
    )
    partner_name = models.CharField(
        _("partner"),
        max_length=200,
        blank=True,
        help_text=_("For a partner: the service or person, e.g. the family doctor or CRAS."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.TO_DO
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("action step")
        verbose_name_plural = _("action steps")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def status_choices(self) -> list[tuple[str, str]]:
        return StepStatus.choices

    def clean(self) -> None:
        """Who owns the step: the person, someone on the team's staff, or a named partner."""
        if self.owner_kind == OwnerKind.PERSON:
            self.owner_user, self.partner_name = None, ""
        elif self.owner_kind in STAFF_OWNERS:
            self.partner_name = ""
            if self.owner_kind == OwnerKind.TEAM_MEMBER and self.owner_user_id is None:
                raise ValidationError({"owner_user": _("Choose who on the team does it.")})
            if self.owner_user_id is not None and self.goal_id is not None:
                team_id = self.goal.plan.case.team_id
                if not team_staff(team_id).filter(pk=self.owner_user_id).exists():
                    raise ValidationError(
                        {"owner_user": _("This person is not on the team's staff.")}
                    )
        elif self.owner_kind == OwnerKind.PARTNER:
            self.owner_user = None
            if not self.partner_name.strip():
                raise ValidationError({"partner_name": _("Name the partner.")})


class PlanVersionQuerySet(models.QuerySet):
    def agreed(self) -> "PlanVersionQuerySet":
        return self.exclude(agreement_way="")

    def for_list(self) -> "PlanVersionQuerySet":
        """The versions list: without the heavy snapshot and signature."""
        return self.defer("snapshot", "signature").select_related("created_by").order_by("-number")


class PlanVersion(models.Model):
    """The plan as it stood at one moment, frozen; a version without agreement is a draft the
    person has not agreed yet (R22)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="versions", verbose_name=_("plan")
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(_("made on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_review = models.BooleanField(_("made at a review"), default=False)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, validators=[past_date])
    review_note = models.TextField(_("how things are going"), blank=True, max_length=TextLimit.NOTE)
    readiness = models.OneToOneField(
        "cases.ReadinessRecord",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_version",
        verbose_name=_("closure indicators"),
    )
    agreement_way = models.CharField(
        _("how the person agreed"), max_length=16, choices=AgreementWay.choices, blank=True
    )
    signature = signature_column()
    witness = NameField(_("witness"), max_length=200, blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True, validators=[past_date])
    person_comment = models.TextField(
        _("what the person said about the plan"), blank=True, max_length=TextLimit.NOTE
    )
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreement_recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["snapshot", "signature"])

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.CheckConstraint(
                condition=Q(agreement_way="", agreed_on__isnull=True)
                | (~Q(agreement_way="") & Q(agreed_on__isnull=False)),
                name="plan_version_agreed_has_date",
                violation_error_message=_("An agreement has a date."),
            ),
            models.CheckConstraint(
                condition=~Q(agreement_way=AgreementWay.AGREED_ALOUD) | ~Q(witness=""),
                name="plan_version_aloud_has_witness",
                violation_error_message=_("Name the witness of a spoken agreement."),
            ),
            models.CheckConstraint(
                condition=~Q(agreement_way=AgreementWay.SIGNED_SCREEN) | ~Q(signature=""),
                name="plan_version_screen_has_signature",
                violation_error_message=_("A signature on the screen needs the signature."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})

    @property
    def is_agreed(self) -> bool:
        return bool(self.agreement_way)


class PlanLinkQuerySet(models.QuerySet):
    def usable(self, *, now=None) -> "PlanLinkQuerySet":
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


class PlanLink(models.Model):
    """A private link that shows the person their agreed plan on their own phone, and nothing
    else. It expires, can be revoked, and every opening is in the audit trail."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="links", verbose_name=_("plan")
    )
    token = models.CharField(max_length=64, unique=True, default=new_link_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("works until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    open_count = models.PositiveIntegerField(_("opened"), default=0, editable=False)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True)

    objects = PlanLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("link to the plan")
        verbose_name_plural = _("links to the plan")

    def __str__(self) -> str:
        return str(_("Link to the plan")) + f" #{self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
