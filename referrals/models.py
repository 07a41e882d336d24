"""Referrals to the service network, the person's consent to share, and the barriers met on the
way (issue 5 §6–§8; R14, R30, R35, R37).

- A ``Referral`` goes from a case to one directory resource or one partner (R14, R30). A
  follow-up date is a reminder for the worker, never a deadline: nothing closes, expires or
  counts against the person when it passes (R18).
- A ``Consent`` is given by a person for one purpose and one receiving organisation (R35). It
  is never deleted or edited away: a withdrawal is a date on the row, and history is kept. The
  person signs it on the worker's phone — then the signed copy is kept as their document — or
  on paper, or agrees aloud before a witness (issue 12 §8).
- A ``Barrier`` is a systemic obstacle met by a person (a refused referral, an unmet need, a
  housing or benefit refusal), counted by category, area and month for advocacy (R37).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cases.models import Case
from hearth.fields import NameField
from hearth.signatures import AgreementWay, signature_column, signed_on_screen_check
from hearth.validators import TextLimit, far_date, near_date, past_date
from programs.roles import OVERSIGHT_ROLES

# A consent that ends within this many days is shown as "expires soon".
EXPIRES_SOON_DAYS = 30


# Consent ------------------------------------------------------------------------------------


class ConsentPurpose(models.TextChoices):
    SHARING = "sharing", _("Sharing information with a partner")
    REFERRAL = "referral", _("Referral")
    STATISTICS = "statistics", _("Statistics and research")


class ConsentState(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRES_SOON = "expires_soon", _("Expires soon")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_YET = "not_yet", _("Not yet in force")


class ConsentQuerySet(models.QuerySet):
    def in_force(self, *, on: date) -> "ConsentQuerySet":
        """Consents given on or before ``on``, not expired and not withdrawn on that day.
        A withdrawal takes effect on the day it is recorded."""
        return self.filter(
            Q(given_on__lte=on),
            Q(expires_on__isnull=True) | Q(expires_on__gte=on),
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on),
        )


class Consent(models.Model):
    """The person's permission to share their information for one purpose with one receiving
    organisation (R35). A consent for statistics names no organisation.

    The receiving organisation is a directory partner, or — for a resource that has no partner
    of its own in the directory — the resource itself."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("person"),
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=ConsentPurpose.choices)
    partner = models.ForeignKey(
        "directory.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("receiving partner"),
    )
    resource = models.ForeignKey(
        "directory.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("receiving service"),
        help_text=_("Only for a service that has no partner of its own in the directory."),
    )
    given_on = models.DateField(_("given on"), default=timezone.localdate, validators=[past_date])
    given_how = models.CharField(_("how it was given"), max_length=16, choices=AgreementWay.choices)
    witness = NameField(_("witness"), max_length=200, blank=True)
    signature = signature_column()
    signed_copy = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_consent",
        verbose_name=_("signed copy"),
        editable=False,
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True, validators=[far_date])
    scope_note = models.TextField(
        _("scope"),
        blank=True,
        help_text=_("What the person agreed to share, and anything they asked to keep back."),
        max_length=TextLimit.NOTE,
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("withdrawal recorded by"),
    )
    withdrawal_note = models.CharField(_("withdrawal note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["signature"])

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose="statistics", partner__isnull=True, resource__isnull=True)
                | (
                    ~Q(purpose="statistics")
                    & (
                        Q(partner__isnull=False, resource__isnull=True)
                        | Q(partner__isnull=True, resource__isnull=False)
                    )
                ),
                name="consent_names_one_receiver_unless_statistics",
                violation_error_message=_(
                    "A consent to share names exactly one receiving organisation; "
                    "a consent for statistics names none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given",
                violation_error_message=_("A consent cannot expire before it was given."),
            ),
            signed_on_screen_check(name="consent_signed_on_screen_iff_signed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.receiver_name}"

    @property
    def receiver_name(self) -> str:
        if self.partner_id:
            return self.partner.name
        if self.resource_id:
            return self.resource.name
        return ""

    def state(self, *, on: date) -> str:
        if self.withdrawn_on is not None and self.withdrawn_on <= on:
            return ConsentState.WITHDRAWN
        if self.given_on > on:
            return ConsentState.NOT_YET
        if self.expires_on is not None:
            if self.expires_on < on:
                return ConsentState.EXPIRED
            if self.expires_on <= on + timedelta(days=EXPIRES_SOON_DAYS):
                return ConsentState.EXPIRES_SOON
        return ConsentState.VALID

    def is_in_force(self, *, on: date) -> bool:
        return self.state(on=on) in (ConsentState.VALID, ConsentState.EXPIRES_SOON)

    def stopped_on(self, *, on: date) -> date | None:
        """The day sharing under this consent stopped, if it has stopped by ``on``: the day of
        the withdrawal, or the day after the last day of validity."""
        ends = []
        if self.withdrawn_on is not None and self.withdrawn_on <= on:
            ends.append(self.withdrawn_on)
        if self.expires_on is not None and self.expires_on < on:
            ends.append(self.expires_on + timedelta(days=1))
        return min(ends) if ends else None


# Referrals ----------------------------------------------------------------------------------


class SharedCategory(models.TextChoices):
    """What the referral passes on about the person. Every category is personal data: a
    referral that shares any of them needs the person's consent for that receiver (R35)."""

    IDENTITY = "identity", _("Identity (name, date of birth, identifiers)")
    CONTACT = "contact", _("Contact details")
    HOUSING = "housing", _("Housing situation")
    INCOME = "income", _("Income and benefits")
    HEALTH = "health", _("Health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    PLAN = "plan", _("The plan")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
    REFUSED = "refused", _("Refused")
    COMPLETED = "completed", _("Completed")
    NO_ANSWER = "no_answer", _("No answer")


# Statuses after which a referral is no longer followed up.
CLOSED_REFERRAL_STATUSES = (ReferralStatus.REFUSED, ReferralStatus.COMPLETED)


class ReferralQuerySet(models.QuerySet):
    def open(self) -> "ReferralQuerySet":
        return self.exclude(status__in=CLOSED_REFERRAL_STATUSES)

    def follow_up_due(self, *, on: date) -> "ReferralQuerySet":
        """Open referrals whose follow-up date has come: a reminder for the worker only."""
        return self.open().filter(follow_up_on__lte=on)

    def for_list(self) -> "ReferralQuerySet":
        return self.select_related(
            "resource", "partner", "consent", "case__person", "appointment", "sent_by"
        )


class Referral(models.Model):
    """A link from a case to one service of the network (R14, R30), followed up."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("case")
    )
    resource = models.ForeignKey(
        "directory.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("service"),
    )
    partner = models.ForeignKey(
        "directory.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("partner"),
    )
    purpose = models.TextField(
        _("purpose"),
        help_text=_("What the person hopes to get from this service."),
        max_length=TextLimit.NOTE,
    )
    shares = models.JSONField(_("shared information"), default=list, blank=True)
    shared_note = models.CharField(
        _("note on what is shared"),
        max_length=300,
        blank=True,
        help_text=_("Anything the person asked to keep back, or share only in part."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    refusal_reason = models.TextField(
        _("reason for the refusal"), blank=True, max_length=TextLimit.NOTE
    )
    sent_on = models.DateField(_("sent on"), default=timezone.localdate, validators=[past_date])
    follow_up_on = models.DateField(
        _("follow up on"),
        null=True,
        blank=True,
        help_text=_(
            "A reminder for you. Nothing happens to the referral or the person when it passes."
        ),
        validators=[near_date],
    )
    outcome_note = models.TextField(_("outcome"), blank=True, max_length=TextLimit.NOTE)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent relied on"),
        editable=False,
    )
    appointment = models.OneToOneField(
        "visits.Appointment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("accompaniment"),
    )
    contact = models.ForeignKey(
        "visits.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("visit"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(resource__isnull=False, partner__isnull=True)
                | Q(resource__isnull=True, partner__isnull=False),
                name="referral_to_one_resource_or_partner",
                violation_error_message=_("A referral goes to one service or one partner."),
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="referral_refusal_has_reason",
                violation_error_message=_("A refused referral says why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_name} · {self.sent_on}"

    @property
    def target(self):
        return self.resource if self.resource_id else self.partner

    @property
    def target_name(self) -> str:
        return self.target.name if self.target is not None else ""

    @property
    def shares_personal_data(self) -> bool:
        return bool(self.shares)

    def get_shares_display(self) -> list[str]:
        labels = dict(SharedCategory.choices)
        return [str(labels.get(value, value)) for value in self.shares]

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_REFERRAL_STATUSES

    def follow_up_is_due(self, *, on: date) -> bool:
        return self.is_open and self.follow_up_on is not None and self.follow_up_on <= on

    def sharing_stopped_on(self, *, on: date) -> date | None:
        """When the consent this referral relies on stopped (expired or withdrawn), if it has."""
        if not self.shares_personal_data or self.consent is None:
            return None
        return self.consent.stopped_on(on=on)


# Barriers -----------------------------------------------------------------------------------


class BarrierCategory(models.TextChoices):
    HOUSING_DENIED = "housing_denied", _("Housing denied")
    REFERRAL_REFUSED = "referral_refused", _("Referral refused")
    UNMET_NEED = "unmet_need", _("Unmet need")
    BENEFIT_REFUSED = "benefit_refused", _("Benefit refused")
    SERVICE_GAP = "service_gap", _("No service available")
    WAITING_LIST = "waiting_list", _("Waiting list too long")
    DISCRIMINATION = "discrimination", _("Discrimination")
    OTHER = "other", _("Other")


class BarrierQuerySet(models.QuerySet):
    def for_report(self, user) -> "BarrierQuerySet":
        """Barriers of the cases the user oversees: a team lead their teams', a program
        manager their program's, a data administrator their organisation's."""

        return self.filter(case__in=Case.objects.visible_to(user, roles=OVERSIGHT_ROLES))


class Barrier(models.Model):
    """A systemic barrier met by one person, kept for advocacy (R37). Reports count barriers
    by category, area and month; they never show who met them."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="barriers", verbose_name=_("case")
    )
    category = models.CharField(_("category"), max_length=20, choices=BarrierCategory.choices)
    area = models.CharField(
        _("area"),
        max_length=120,
        blank=True,
        help_text=_("The neighbourhood, district or municipality where it happened."),
    )
    on = models.DateField(
        _("date"), default=timezone.localdate, db_index=True, validators=[past_date]
    )
    description = models.TextField(_("what happened"), max_length=TextLimit.NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    source_referral = models.ForeignKey(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("referral"),
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    objects = BarrierQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.on}"
