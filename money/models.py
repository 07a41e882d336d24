"""Income and spending (R16): the person's income sources and benefit applications, budgets
made with the person, and the program's own financial assistance."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hearth.validators import (
    TextLimit,
    check_period,
    far_date,
    near_date,
    non_negative_amount,
    past_date,
    positive_amount,
)

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class IncomeKind(models.TextChoices):
    WAGES = "wages", _("Wages")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    DISABILITY = "disability", _("Disability benefit")
    PENSION = "pension", _("Old-age pension")
    UNEMPLOYMENT = "unemployment", _("Unemployment benefit")
    FAMILY = "family", _("Child or family benefit")
    HOUSING = "housing", _("Housing benefit")
    OTHER = "other", _("Other")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", pgettext_lazy("how often an income is paid", "Weekly")
    BIWEEKLY = "biweekly", pgettext_lazy("how often an income is paid", "Every two weeks")
    MONTHLY = "monthly", pgettext_lazy("how often an income is paid", "Monthly")
    YEARLY = "yearly", pgettext_lazy("how often an income is paid", "Yearly")


# How many payments of each frequency make one month on average.
PER_MONTH = {
    Frequency.WEEKLY: Decimal(52) / Decimal(12),
    Frequency.BIWEEKLY: Decimal(26) / Decimal(12),
    Frequency.MONTHLY: Decimal(1),
    Frequency.YEARLY: Decimal(1) / Decimal(12),
}


def monthly(amount: Decimal, frequency: str) -> Decimal:
    return (amount * PER_MONTH[Frequency(frequency)]).quantize(Decimal("0.01"))


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


def _monthly_expression(prefix: str = ""):
    """The monthly amount of a source in SQL: weekly × 52/12, every two weeks × 26/12…
    Computed in floating point (SQLite would divide whole amounts as integers) and cast back
    to a decimal; callers round to cents."""
    amount = Cast(F(f"{prefix}amount"), FloatField())
    per_month = Case(
        When(**{f"{prefix}frequency": Frequency.WEEKLY}, then=amount * Value(52.0) / Value(12.0)),
        When(**{f"{prefix}frequency": Frequency.BIWEEKLY}, then=amount * Value(26.0) / Value(12.0)),
        When(**{f"{prefix}frequency": Frequency.YEARLY}, then=amount / Value(12.0)),
        default=amount,
        output_field=FloatField(),
    )
    return Cast(per_month, DecimalField(max_digits=16, decimal_places=4))


def active_on_q(on, prefix: str = "") -> Q:
    """Granted and paid on the day ``on`` (a date or an expression such as OuterRef)."""
    return (
        Q(**{f"{prefix}status": ApplicationStatus.GRANTED})
        & (Q(**{f"{prefix}started_on__isnull": True}) | Q(**{f"{prefix}started_on__lte": on}))
        & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on}))
    )


class IncomeSourceQuerySet(models.QuerySet):
    def granted(self) -> "IncomeSourceQuerySet":
        return self.filter(status=ApplicationStatus.GRANTED)

    def active_on(self, on) -> "IncomeSourceQuerySet":
        return self.filter(active_on_q(on))

    def with_monthly_amount(self) -> "IncomeSourceQuerySet":
        return self.annotate(monthly_amount_db=_monthly_expression())

    def monthly_total(self) -> Decimal:
        total = self.aggregate(total=Sum(_monthly_expression()))["total"]
        return Decimal(total or 0).quantize(Decimal("0.01"))


class IncomeSource(models.Model):
    """Wages, a benefit or a pension: one source of the person's income, or an application
    for one (applied → granted or refused, with the reason)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="income_sources",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncomeKind.choices)
    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("As it is called locally, e.g. the benefit's name or the employer."),
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[positive_amount])
    frequency = models.CharField(
        _("paid"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.GRANTED,
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True, validators=[past_date])
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=[past_date])
    refusal_reason = models.TextField(
        _("why it was refused"), blank=True, max_length=TextLimit.NOTE
    )
    started_on = models.DateField(_("paid since"), null=True, blank=True, validators=[near_date])
    ended_on = models.DateField(_("paid until"), null=True, blank=True, validators=[far_date])
    note = models.TextField(_("note"), blank=True, max_length=TextLimit.NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = IncomeSourceQuerySet.as_manager()

    EDITABLE_FIELDS = (
        "kind",
        "name",
        "amount",
        "frequency",
        "status",
        "applied_on",
        "decided_on",
        "refusal_reason",
        "started_on",
        "ended_on",
        "note",
    )

    class Meta:
        ordering = ["status", "-started_on", "id"]
        verbose_name = _("income source")
        verbose_name_plural = _("income sources")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    def clean(self) -> None:
        """What an application's status asks of its dates and reason (R16), for the page and
        the API alike."""
        errors = {}
        reason = (self.refusal_reason or "").strip()
        if self.status == ApplicationStatus.REFUSED and not reason:
            errors["refusal_reason"] = _("Say why the application was refused.")
        if self.status != ApplicationStatus.REFUSED and reason:
            errors["refusal_reason"] = _("Only a refused application has a reason.")
        decided = self.status in (ApplicationStatus.GRANTED, ApplicationStatus.REFUSED)
        if decided and self.applied_on and not self.decided_on:
            errors["decided_on"] = _("Give the date of the decision.")
        for start, end in (("started_on", "ended_on"), ("applied_on", "decided_on")):
            try:
                check_period(self, start, end)
            except ValidationError as refused:
                errors.update(refused.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def monthly_amount(self) -> Decimal:
        return monthly(self.amount, self.frequency)

    def is_active_on(self, on: date) -> bool:
        return (
            self.status == ApplicationStatus.GRANTED
            and (self.started_on is None or self.started_on <= on)
            and (self.ended_on is None or self.ended_on >= on)
        )


class ExpenseCategory(models.TextChoices):
    INCOME = "income", _("Income")
    RENT = "rent", _("Rent")
    FOOD = "food", _("Food")
    UTILITIES = "utilities", _("Utilities")
    PHONE = "phone", _("Phone")
    TRANSPORT = "transport", _("Transport")
    DEBTS = "debts", _("Debts")
    HEALTH = "health", _("Health")
    FAMILY = "family", _("Family")
    LEISURE = "leisure", _("Leisure")
    SAVINGS = "savings", pgettext_lazy("budget line: money put aside", "Savings")
    OTHER = "other", _("Other")


class BudgetQuerySet(models.QuerySet):
    def with_totals(self) -> "BudgetQuerySet":
        """Income, spending and what is left, summed in the database."""
        income = Q(lines__category=ExpenseCategory.INCOME)
        output = DecimalField(**MONEY)
        return self.annotate(
            income_total=Coalesce(Sum("lines__amount", filter=income), ZERO, output_field=output),
            expense_total=Coalesce(Sum("lines__amount", filter=~income), ZERO, output_field=output),
        ).annotate(
            left=ExpressionWrapper(F("income_total") - F("expense_total"), output_field=output)
        )


class Budget(models.Model):
    """A month's budget made with the person (R9, R16): how much money there is, where it
    goes, and their priorities in their own words."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="budgets", verbose_name=_("person")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="budgets",
        null=True,
        blank=True,
        verbose_name=_("case"),
    )
    month = models.DateField(
        _("month"), help_text=_("Any day of the month; the first is kept."), validators=[near_date]
    )
    priorities = models.TextField(
        _("priorities, in the person's own words"),
        blank=True,
        help_text=_("What matters most to them this month."),
        max_length=TextLimit.NOTE,
    )
    made_with_person = models.BooleanField(_("made together with the person"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    def save(self, *args, **kwargs) -> None:
        self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=10, choices=ExpenseCategory.choices)
    label = models.CharField(_("what"), max_length=120, blank=True)
    amount = models.DecimalField(_("amount per month"), **MONEY, validators=[non_negative_amount])
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.label or self.get_category_display()

    @property
    def is_income(self) -> bool:
        return self.category == ExpenseCategory.INCOME


class Purpose(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    FIRST_RENT = "first_rent", _("First month's rent")
    FURNITURE = "furniture", _("Furniture")
    FOOD = "food", _("Food")
    RENT_ARREARS = "rent_arrears", _("Rent arrears")
    UTILITIES = "utilities", _("Utilities")
    TRANSPORT = "transport", _("Transport")
    ID_DOCUMENTS = "id_documents", _("ID documents")
    OTHER = "other", _("Other")


class AssistanceStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    PAID = "paid", _("Paid")


class AssistanceQuerySet(models.QuerySet):
    def waiting(self) -> "AssistanceQuerySet":
        return self.filter(status=AssistanceStatus.REQUESTED)

    def granted(self) -> "AssistanceQuerySet":
        return self.filter(status__in=[AssistanceStatus.APPROVED, AssistanceStatus.PAID])

    def for_approval_page(self) -> "AssistanceQuerySet":
        return (
            self.waiting()
            .select_related(
                "case__person", "case__team", "case__program__organisation", "requested_by"
            )
            .order_by("requested_on", "id")
        )


class FinancialAssistance(models.Model):
    """Money from the program itself (R16): requested by a worker, approved or refused by a
    team lead of the case's team or the program's manager (never by the requester), then
    paid with its receipt. Rules live in ``money.assistance``."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="financial_assistance",
        verbose_name=_("case"),
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[positive_amount])
    purpose = models.CharField(_("purpose"), max_length=14, choices=Purpose.choices)
    note = models.TextField(_("what it is for"), blank=True, max_length=TextLimit.NOTE)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssistanceStatus.choices,
        default=AssistanceStatus.REQUESTED,
        editable=False,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_on = models.DateField(
        _("requested on"), default=timezone.localdate, validators=[past_date]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    refusal_reason = models.TextField(
        _("why it was refused"), blank=True, editable=False, max_length=TextLimit.NOTE
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("paid by"),
    )
    receipt = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("receipt"),
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = AssistanceQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("financial assistance")
        verbose_name_plural = _("financial assistance")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.amount}"

    @property
    def person_id(self) -> int:
        return self.case.person_id
