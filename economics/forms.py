"""Forms of the economics app: a unit cost, service use before and since enrolment, and the
scenario inputs of the analysis page (read from GET, never saved)."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from economics.analysis import add_months
from economics.models import SERVICE_KINDS, CostKind, ServiceUse, UnitCost


class UnitCostForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = UnitCost
        fields = ["program", *UnitCost.EDITABLE_FIELDS]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.instance.organisation = program.organisation
        self.fields["program"].queryset = type(program).objects.filter(pk=program.pk)
        self.fields["program"].required = False
        self.fields["program"].empty_label = _("The whole organisation")
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year

    def clean_label(self) -> str:
        return self.cleaned_data["label"].strip()

    def clean_source(self) -> str:
        source = self.cleaned_data["source"].strip()
        if not source:
            raise forms.ValidationError(_("Say where the price comes from."))
        return source

    def clean(self):
        data = super().clean()
        probe = UnitCost(
            pk=self.instance.pk,
            organisation=self.program.organisation,
            program=data.get("program"),
            kind=data.get("kind"),
            label=data.get("label", ""),
            year=data.get("year"),
        )
        if data.get("kind") and data.get("year") and probe.others_of_its_year().exists():
            self.add_error("year", UnitCost.ONE_PRICE_A_YEAR)
        return data

    def validate_unique(self) -> None:
        # clean() says it in words beside the year; the constraints stay the last guard.
        pass


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=False,
        help_text=_("Leave empty if nobody knows."),
    )


class _ServiceUseForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ServiceUse
        fields = list(ServiceUse.EDITABLE_FIELDS)
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "answered_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        for name in ServiceUse.COUNT_FIELDS:
            self.fields[name] = _count_field(ServiceUse._meta.get_field(name).verbose_name)

    def _post_clean(self) -> None:
        self.instance.case = self.case
        self.instance.period = self.period
        super()._post_clean()


class BeforeForm(_ServiceUseForm):
    """Asked at opening: the 6 or 12 months before enrolment."""

    period = "before"
    months = forms.TypedChoiceField(
        label=_("Period asked about"),
        choices=[
            (6, _("The 6 months before enrolment")),
            (12, _("The 12 months before enrolment")),
        ],
        coerce=int,
        initial=12,
    )

    class Meta(_ServiceUseForm.Meta):
        fields = [f for f in ServiceUse.EDITABLE_FIELDS if f not in ("starts_on", "ends_on")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.fields["months"].initial = 6 if instance.days < 270 else 12

    def _post_clean(self) -> None:
        months = self.cleaned_data.get("months")
        if months:
            self.instance.ends_on = self.case.opened_on
            self.instance.starts_on = add_months(self.case.opened_on, -months)
        super()._post_clean()


class SinceForm(_ServiceUseForm):
    """What the records do not hold, since enrolment (a stay in another town's shelter)."""

    period = "since"

    def clean_starts_on(self) -> date:
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < self.case.opened_on:
            raise forms.ValidationError(_("The period starts at enrolment or later."))
        return starts_on

    def clean_ends_on(self) -> date:
        ends_on = self.cleaned_data["ends_on"]
        if ends_on > timezone.localdate() + timedelta(days=1):
            raise forms.ValidationError(_("The period cannot end in the future."))
        return ends_on


class ScenarioForm(forms.Form):
    """What-if inputs of the analysis page: read from the address, never saved."""

    years = forms.IntegerField(
        label=_("Horizon in years"), min_value=1, max_value=10, initial=2, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in (CostKind.PROGRAM, *SERVICE_KINDS):
            self.fields[f"price_{kind}"] = forms.DecimalField(
                label=CostKind(kind).label,
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                required=False,
                error_messages={"min_value": _("A price cannot be below zero.")},
            )
        for kind in SERVICE_KINDS:
            self.fields[f"reduce_{kind}"] = forms.DecimalField(
                label=CostKind(kind).label,
                min_value=Decimal(-100),
                max_value=Decimal(100),
                decimal_places=1,
                required=False,
                help_text=_("Percent less than before enrolment; empty: from the records."),
                error_messages={
                    "max_value": _("A reduction is at most 100 %%."),
                    "min_value": _("An increase is at most 100 %% (write -100)."),
                },
            )

    @property
    def price_fields(self):
        return [self[f"price_{kind}"] for kind in (CostKind.PROGRAM, *SERVICE_KINDS)]

    @property
    def reduction_fields(self):
        return [self[f"reduce_{kind}"] for kind in SERVICE_KINDS]

    def horizon_years(self) -> int:
        return self.cleaned_data.get("years") or 2

    def price_overrides(self) -> dict[str, Decimal]:
        return {
            kind: self.cleaned_data[f"price_{kind}"]
            for kind in (CostKind.PROGRAM, *SERVICE_KINDS)
            if self.cleaned_data.get(f"price_{kind}") is not None
        }

    def reductions(self) -> dict[str, Fraction]:
        return {
            kind: Fraction(self.cleaned_data[f"reduce_{kind}"]) / 100
            for kind in SERVICE_KINDS
            if self.cleaned_data.get(f"reduce_{kind}") is not None
        }
