from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from money.models import (
    ApplicationStatus,
    Budget,
    BudgetLine,
    ExpenseCategory,
    FinancialAssistance,
    IncomeSource,
)


def _positive(amount: Decimal) -> Decimal:
    if amount is None or amount <= 0:
        raise forms.ValidationError(_("Give an amount above zero."))
    return amount


def _not_future(day):
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return day


class IncomeSourceForm(VersionedModelForm):
    class Meta:
        model = IncomeSource
        fields = IncomeSource.EDITABLE_FIELDS
        widgets = {
            "applied_on": DateInput(),
            "decided_on": DateInput(),
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "status": forms.RadioSelect,
            "refusal_reason": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_amount(self):
        return _positive(self.cleaned_data["amount"])

    def clean_applied_on(self):
        return _not_future(self.cleaned_data["applied_on"])

    def clean_decided_on(self):
        return _not_future(self.cleaned_data["decided_on"])

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == ApplicationStatus.REFUSED and not (data.get("refusal_reason") or "").strip():
            self.add_error("refusal_reason", _("Say why the application was refused."))
        if status != ApplicationStatus.REFUSED and (data.get("refusal_reason") or "").strip():
            self.add_error("refusal_reason", _("Only a refused application has a reason."))
        if status in (ApplicationStatus.GRANTED, ApplicationStatus.REFUSED) and (
            data.get("applied_on") and not data.get("decided_on")
        ):
            self.add_error("decided_on", _("Give the date of the decision."))
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end cannot be before the start."))
        applied, decided = data.get("applied_on"), data.get("decided_on")
        if applied and decided and decided < applied:
            self.add_error("decided_on", _("The decision cannot be before the application."))
        return data


class NewIncomeSourceForm(IncomeSourceForm):
    """The same form without a version: a new record has nothing to race."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["version"]


class BudgetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Budget
        fields = ["month", "priorities", "made_with_person"]
        widgets = {"month": DateInput(), "priorities": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "label", "amount"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("Give the amount without a minus sign."))
        return amount


BudgetLineFormSet = forms.inlineformset_factory(
    Budget, BudgetLine, form=BudgetLineForm, extra=4, can_delete=True
)

EXPENSE_CATEGORIES = [c for c in ExpenseCategory if c != ExpenseCategory.INCOME]


class AssistanceRequestForm(forms.ModelForm):
    class Meta:
        model = FinancialAssistance
        fields = ["amount", "purpose", "note", "requested_on"]
        widgets = {"requested_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def clean_amount(self):
        return _positive(self.cleaned_data["amount"])

    def clean_requested_on(self):
        return _not_future(self.cleaned_data["requested_on"])


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why it is refused"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the request is refused."))
        return data


class PaymentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        help_text=_("A PDF or a photo of the receipt; it is kept with the person's documents."),
    )

    def clean_paid_on(self):
        return _not_future(self.cleaned_data["paid_on"])
