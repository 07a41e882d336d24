from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from hearth.validators import limit_of, past_date
from money.models import (
    Budget,
    BudgetLine,
    ExpenseCategory,
    FinancialAssistance,
    IncomeSource,
)


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


BudgetLineFormSet = forms.inlineformset_factory(
    Budget, BudgetLine, form=BudgetLineForm, extra=4, can_delete=True
)

EXPENSE_CATEGORIES = [c for c in ExpenseCategory if c != ExpenseCategory.INCOME]


class AssistanceRequestForm(forms.ModelForm):
    class Meta:
        model = FinancialAssistance
        fields = ["amount", "purpose", "note", "requested_on"]
        widgets = {"requested_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why it is refused"),
        required=False,
        max_length=limit_of(FinancialAssistance, "refusal_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the request is refused."))
        return data


class PaymentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), validators=[past_date])
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        help_text=_("A PDF or a photo of the receipt; it is kept with the person's documents."),
    )
