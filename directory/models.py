"""Models of the directory app (issue 5): the local resource survey (R15) and the partners a
program collaborates with, with their contacts and agreements (R14, R24, R30).

Both are organisation records: each organisation keeps its own directory, visible to its staff
only. They are not persons' records, except an update suggestion made from a case.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.fields import NameField
from hearth.text import fold
from hearth.validators import TextLimit, check_period, far_date, past_date

# A resource not checked for this many days "needs checking" (R15).
CHECK_INTERVAL_DAYS = 365


class ResourceKind(models.TextChoices):
    """The six parts of the local resource survey (R15)."""

    LEGISLATION = "legislation", _("Legislation")
    RIGHT = "right", _("Right")
    BENEFIT = "benefit", _("Benefit")
    PUBLIC_SERVICE = "public_service", _("Public service")
    PRIVATE_INITIATIVE = "private_initiative", _("Private initiative")
    VOLUNTARY_INITIATIVE = "voluntary_initiative", _("Voluntary initiative")


class ResourceQuerySet(models.QuerySet):
    def for_organisations(self, organisations) -> "ResourceQuerySet":
        return self.filter(organisation__in=organisations)

    def active(self) -> "ResourceQuerySet":
        return self.filter(active=True)

    def search(self, text: str) -> "ResourceQuerySet":
        """Accent- and case-insensitive search in name, summary and eligibility."""
        folded = fold(text or "").strip()
        if not folded:
            return self
        qs = self
        for word in folded.split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def needing_check(self, today: datetime.date | None = None) -> "ResourceQuerySet":
        today = today or timezone.localdate()
        limit = today - datetime.timedelta(days=CHECK_INTERVAL_DAYS)
        return self.filter(
            models.Q(last_checked_on__isnull=True) | models.Q(last_checked_on__lt=limit)
        )


class Resource(models.Model):
    """One entry of an organisation's local resource survey (R15)."""

    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=TextLimit.NOTE)
    area = models.CharField(
        _("area"), max_length=120, blank=True, help_text=_("District or municipality it covers.")
    )
    eligibility = models.TextField(_("who can use it"), blank=True, max_length=TextLimit.NOTE)
    how_to_get = models.TextField(_("how to get it"), blank=True, max_length=TextLimit.NOTE)
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("Separate languages with commas."),
    )
    opening_hours = models.CharField(_("opening hours"), max_length=250, blank=True)
    last_checked_on = models.DateField(
        _("last checked on"), null=True, blank=True, validators=[past_date]
    )
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last checked by"),
    )
    active = models.BooleanField(_("active"), default=True)
    # Folded name, summary and eligibility: what the search looks in.
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = ResourceQuerySet.as_manager()

    # What may be changed on a resource, in forms, suggestions and the API alike.
    EDITABLE_FIELDS = (
        "kind",
        "name",
        "summary",
        "area",
        "eligibility",
        "how_to_get",
        "address",
        "phone",
        "email",
        "website",
        "languages",
        "opening_hours",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [models.Index(fields=["organisation", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.summary} {self.eligibility}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    def needs_checking(self, today: datetime.date | None = None) -> bool:
        """True when nobody has checked it for more than twelve months (R15)."""
        today = today or timezone.localdate()
        if self.last_checked_on is None:
            return True
        return (today - self.last_checked_on).days > CHECK_INTERVAL_DAYS


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SuggestionQuerySet(models.QuerySet):
    def pending(self) -> "SuggestionQuerySet":
        return self.filter(status=SuggestionStatus.PENDING)


class ResourceUpdateSuggestion(models.Model):
    """A staff member's proposed change to a resource, or a proposed new resource (R15).

    Only a data administrator of the organisation applies it. ``resource_version`` is the version
    the suggestion was based on: a resource changed since then is not silently overwritten."""

    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.PROTECT,
        related_name="resource_suggestions",
        verbose_name=_("organisation"),
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("resource"),
        help_text=_("Empty when a new resource is proposed."),
    )
    resource_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # {field name: suggested value}, only the fields that change.
    changes = models.JSONField(_("suggested changes"), default=dict)
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resource_suggestions",
        verbose_name=_("from case"),
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("suggested by"),
    )
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
    )
    reason = models.TextField(_("reason"), blank=True, max_length=TextLimit.NOTE)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("resource update suggestion")
        verbose_name_plural = _("resource update suggestions")

    def __str__(self) -> str:
        if self.resource_id:
            return str(self.resource)
        return self.changes.get("name", "") or str(_("New resource"))

    @property
    def is_new_resource(self) -> bool:
        return self.resource_id is None

    @property
    def is_pending(self) -> bool:
        return self.status == SuggestionStatus.PENDING


class PartnerKind(models.TextChoices):
    HEALTH = "health", _("Health")
    PSYCHIATRY = "psychiatry", _("Psychiatry")
    SUBSTANCE_USE = "substance_use", _("Substance use service")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    EMPLOYMENT = "employment", _("Employment")
    HOUSING = "housing", _("Housing")
    LEGAL = "legal", _("Legal")
    PEER = "peer", _("Peer or community")
    OTHER = "other", _("Other")


class Partner(models.Model):
    """An organisation or service a program collaborates with (R14, R24, R30)."""

    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("resource in the directory"),
    )
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    active = models.BooleanField(_("active"), default=True)
    search_name = models.CharField(max_length=200, editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    EDITABLE_FIELDS = ("name", "kind", "address", "phone", "website", "resource", "note", "active")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)[:200]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class PartnerContact(models.Model):
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner")
    )
    name = NameField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    EDITABLE_FIELDS = ("name", "role", "phone", "email")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")

    def __str__(self) -> str:
        return self.name


class CollaborationAgreement(models.Model):
    """What the program and a partner agreed each side does (R24, R30). An agreement whose end
    date has passed is shown as expired; nothing happens automatically."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("partner")
    )
    title = models.CharField(_("title"), max_length=200)
    our_part = models.TextField(_("what we do"), blank=True, max_length=TextLimit.ACCOUNT)
    their_part = models.TextField(
        _("what the partner does"), blank=True, max_length=TextLimit.ACCOUNT
    )
    starts_on = models.DateField(_("starts on"), validators=[far_date])
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[far_date])
    signed_by = NameField(_("signed by"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    EDITABLE_FIELDS = (
        "title",
        "our_part",
        "their_part",
        "starts_on",
        "ends_on",
        "signed_by",
        "note",
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")

    def __str__(self) -> str:
        return self.title

    def is_expired(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.ends_on is not None and self.ends_on < today

    @property
    def expired(self) -> bool:
        return self.is_expired()

    def clean(self) -> None:
        check_period(self, "starts_on", "ends_on")
