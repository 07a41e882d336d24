from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.collation import by_name
from hearth.concurrency import lock_current
from hearth.fields import NameField
from hearth.signatures import AgreementWay
from hearth.validators import TextLimit, past_date
from programs.models import Membership
from programs.roles import Role
from visits.models import CadenceAgreement, Contact


class Stage(models.TextChoices):
    OPENING = "opening", _("Opening")
    ACTIVE = "active", _("Active support")
    CLOSED = "closed", _("Closed")


OPEN_STAGES = (Stage.OPENING, Stage.ACTIVE)


class TargetGroup(models.TextChoices):
    HOMELESS = "homeless", _("Homeless")
    AT_RISK = "at_risk", _("At risk of losing their home")


class ClosureReason(models.TextChoices):
    READY_MAINSTREAM = "ready_mainstream", _("Ready: moves on to mainstream services")
    READY_NO_SUPPORT = "ready_no_support", _("Ready: no further support needed")
    PERSON_CHOSE_TO_END = "person_chose_to_end", _("The person chose to end the support")
    MOVED_AWAY = "moved_away", _("The person moved away from the area")
    DECEASED = "deceased", _("The person died")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user, *, roles=None) -> "CaseQuerySet":
        """Cases the user may see: their teams', their program's (program manager), their
        organisation's (data administrator). Nobody sees another organisation's people.
        With ``roles``, only the reach the user has through those roles."""

        if not user.is_authenticated:
            return self.none()
        memberships = Membership.objects.active().filter(user=user)
        if roles is not None:
            memberships = memberships.filter(role__in=roles)
        return self.filter(
            Q(team__in=memberships.filter(team__isnull=False).values("team_id"))
            | Q(program__in=memberships.filter(role=Role.PROGRAM_MANAGER).values("program_id"))
            | Q(
                program__organisation__in=memberships.filter(role=Role.DATA_ADMINISTRATOR).values(
                    "organisation_id"
                )
            )
        )

    def open(self) -> "CaseQuerySet":
        return self.filter(stage__in=OPEN_STAGES)

    def for_worker(self, user) -> "CaseQuerySet":
        return self.filter(Q(primary_worker=user) | Q(backup_worker=user))

    def with_last_contact(self) -> "CaseQuerySet":
        return self.annotate(
            last_contact_on=Subquery(
                Contact.objects.filter(case=OuterRef("pk"))
                .order_by()
                .values("case")
                .annotate(last=Max("on"))
                .values("last")[:1]
            )
        )

    def with_cadence(self) -> "CaseQuerySet":
        """Annotate the last face-to-face visit and the latest agreed visit frequency, so
        ``visits.cadence.cadence_of`` needs no query per case."""

        return self.annotate(
            last_visit_on=Subquery(
                Contact.objects.filter(case=OuterRef("pk"), face_to_face=True)
                .order_by("-on")
                .values("on")[:1]
            ),
            agreed_interval=Subquery(
                CadenceAgreement.objects.filter(case=OuterRef("pk"))
                .order_by("-agreed_on", "-id")
                .values("interval_days")[:1]
            ),
        )

    def for_caseload_page(self) -> "CaseQuerySet":
        return (
            self.select_related("person", "team", "program", "primary_worker", "backup_worker")
            .with_last_contact()
            .with_cadence()
            .order_by(*by_name("person__"))
        )


class Case(models.Model):
    """A person in a program: opening → active support → closed (seed 002).

    Support is independent of housing (R7): nothing about a home ever changes the stage.
    Nothing closes a case by itself (R18); closure needs a person and a readiness record (R20).
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("program"),
        editable=False,
    )
    team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, related_name="cases", verbose_name=_("team")
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.OPENING, editable=False
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate, validators=[past_date])
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    moved_in_on = models.DateField(_("moved in on"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    closure_reason = models.CharField(
        _("reason for closing"),
        max_length=24,
        choices=ClosureReason.choices,
        blank=True,
        editable=False,
    )
    primary_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="primary_cases",
        null=True,
        blank=True,
        verbose_name=_("primary worker"),
        help_text=_("ICM: the person's case manager. ACT: the team's named primary contact."),
    )
    backup_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="backup_cases",
        null=True,
        blank=True,
        verbose_name=_("backup worker"),
        help_text=_("ICM: the colleague who covers, so support holds 7 days × 12 hours."),
    )
    target_group = models.CharField(
        _("target group"),
        max_length=10,
        choices=TargetGroup.choices,
        default=TargetGroup.HOMELESS,
    )
    life_history = models.TextField(
        _("life history"),
        blank=True,
        help_text=_("In the person's own words."),
        max_length=TextLimit.STORY,
    )
    hopes = models.TextField(
        _("wishes, hopes and dreams"),
        blank=True,
        help_text=_("In the person's own words."),
        max_length=TextLimit.ACCOUNT,
    )
    method_explained_on = models.DateField(
        _("method and program explained on"), null=True, blank=True, validators=[past_date]
    )
    method_explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("explained by"),
    )
    terms_agreed_on = models.DateField(
        _("terms agreed on"), null=True, blank=True, validators=[past_date]
    )
    terms_agreed_how = models.CharField(
        _("how the terms were agreed"), max_length=16, choices=AgreementWay.choices, blank=True
    )
    terms_witness = NameField(_("witness"), max_length=200, blank=True)
    terms_notes = models.TextField(
        _("what was agreed"),
        blank=True,
        help_text=_("Who visits, when and how; what the person can expect from the team."),
        max_length=TextLimit.NOTE,
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage="closed", closed_on__isnull=False)
                | (~Q(stage="closed") & Q(closed_on__isnull=True)),
                name="case_closed_iff_closed_on",
                violation_error_message=_("A closed case has a closing date, an open one none."),
            ),
            models.CheckConstraint(
                condition=Q(primary_worker__isnull=True)
                | Q(backup_worker__isnull=True)
                | ~Q(primary_worker=models.F("backup_worker")),
                name="case_backup_is_not_primary",
                violation_error_message=_("The backup must be someone else."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.program}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def save(self, *args, **kwargs) -> None:
        self.program_id = self.team.program_id
        super().save(*args, **kwargs)

    # Transitions -----------------------------------------------------------------------------
    # Each locks the row, checks the version the person was looking at, and records who did it.

    def _change_stage(self, to: str, *, by, on: date, note: str = "") -> None:
        StageChange.objects.create(
            case=self, from_stage=self.stage, to_stage=to, on=on, by=by, note=note
        )
        self.stage = to

    def close(
        self,
        *,
        by,
        on: date,
        reason: str,
        readiness: "ReadinessRecord",
        expected_version: int | None = None,
    ) -> None:
        """Closure only when the person feels ready, judged on indicators (R20)."""
        if reason != ClosureReason.DECEASED:
            errors = {}
            if readiness.feels_ready != Readiness.READY:
                errors["feels_ready"] = _(
                    "A case closes only when the person feels ready. Record their readiness "
                    "with them first."
                )
            if not readiness.person_words.strip():
                errors["person_words"] = _(
                    "Write down, in the person's own words, why they feel ready."
                )
            if errors:
                raise ValidationError(errors)
        with transaction.atomic():  # the record, the stage change and the case together
            current = lock_current(self, expected_version)
            if current.stage == Stage.CLOSED:
                raise ValidationError(_("This case is already closed."))
            self.stage = current.stage
            readiness.case = self
            readiness.kind = ReadinessRecord.Kind.CLOSURE
            readiness.recorded_by = by
            readiness.recorded_on = on
            readiness.full_clean(exclude=["case"])
            readiness.save()
            self._change_stage(Stage.CLOSED, by=by, on=on, note=str(ClosureReason(reason).label))
            self.closed_on = on
            self.closure_reason = reason
            self.version = current.version + 1
            self.save()

    def reopen(self, *, by, on: date, reason: str, expected_version: int | None = None) -> None:
        """A closed case can be reopened (R20): the whole history stays with it."""
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the case is reopened.")})
        with transaction.atomic():
            current = lock_current(self, expected_version)
            if current.stage != Stage.CLOSED:
                raise ValidationError(_("Only a closed case can be reopened."))
            self.stage = current.stage
            to = Stage.ACTIVE if self.moved_in_on else Stage.OPENING
            self._change_stage(to, by=by, on=on, note=reason)
            self.closed_on = None
            self.closure_reason = ""
            self.version = current.version + 1
            self.save()


class StageChange(models.Model):
    """Each step of the lifecycle, dated and signed by who did it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="stage_changes")
    from_stage = models.CharField(max_length=10, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=10, choices=Stage.choices)
    on = models.DateField(_("date"), validators=[past_date])
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.on}: {self.from_stage or '—'} → {self.to_stage}"


class LegalTodo(models.Model):
    class Kind(models.TextChoices):
        ID_DOCUMENTS = "id_documents", _("ID documents")
        BENEFITS = "benefits", _("Benefits")
        LEGAL_MATTER = "legal_matter", _("Legal matter")
        HEALTH_CARD = "health_card", _("Health card")
        BANK_ACCOUNT = "bank_account", _("Bank account")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        TO_DO = "to_do", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_todos")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_DO
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "kind", "id"]
        verbose_name = _("legal to-do")
        verbose_name_plural = _("legal to-dos")

    def __str__(self) -> str:
        return self.description


class Readiness(models.TextChoices):
    READY = "ready", _("Yes, feels ready")
    NOT_YET = "not_yet", _("Not yet")
    UNSURE = "unsure", _("Unsure")


class ReadinessRecord(models.Model):
    """The person's sense of readiness and the indicators beside it (R20). Recorded at
    reviews over time and, always, at closure."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("Review")
        CLOSURE = "closure", _("Closure")

    class Income(models.TextChoices):
        STABLE = "stable", _("Stable income")
        IMPROVING = "improving", _("Improving")
        UNSTABLE = "unstable", _("Unstable")
        NONE = "none", _("No income")

    class Support(models.TextChoices):
        STRONG = "strong", _("Strong network")
        SOME = "some", _("Some support")
        WEAK = "weak", _("Weak")
        NONE = "none", _("No one")

    class Substances(models.TextChoices):
        NOT_A_CONCERN = "not_a_concern", _("Not a concern")
        MANAGING = "managing", _("Managing well")
        HARM_REDUCTION = "harm_reduction", _("Using with harm reduction")
        STRUGGLING = "struggling", _("Struggling")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="readiness_records")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.REVIEW)
    recorded_on = models.DateField(_("date"), default=timezone.localdate, validators=[past_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    feels_ready = models.CharField(
        _("does the person feel ready to end the support?"),
        max_length=8,
        choices=Readiness.choices,
    )
    person_words = models.TextField(
        _("in the person's own words"), blank=True, max_length=TextLimit.ACCOUNT
    )
    income = models.CharField(_("income"), max_length=10, choices=Income.choices)
    social_support = models.CharField(
        _("social support network"), max_length=10, choices=Support.choices
    )
    substances = models.CharField(
        _("relationship with substances"), max_length=16, choices=Substances.choices
    )
    note = models.TextField(_("worker's note"), blank=True, max_length=TextLimit.NOTE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        verbose_name = _("readiness record")
        verbose_name_plural = _("readiness records")

    def __str__(self) -> str:
        return f"{self.recorded_on}: {self.feels_ready}"


class CaseTransfer(models.Model):
    """A planned move to another team or a lower intensity (ACT → ICM), keeping the history
    (R5). Moving on to mainstream services is a closure on readiness."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_team = models.ForeignKey(
        "programs.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    on = models.DateField(_("date"), default=timezone.localdate, validators=[past_date])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_agreed = models.BooleanField(_("the person agreed"), default=False)
    reason = models.TextField(_("why now"), blank=True, max_length=TextLimit.NOTE)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.on}: {self.from_team} → {self.to_team}"


class CaseloadOverride(models.Model):
    """An assignment above the program's standard, explicitly confirmed (R4)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="overrides")
    team = models.ForeignKey("programs.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    caseload_after = models.PositiveIntegerField()
    capacity = models.DecimalField(max_digits=6, decimal_places=2)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True, max_length=TextLimit.NOTE)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("caseload override")
        verbose_name_plural = _("caseload overrides")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}: {self.caseload_after} / {self.capacity}"
