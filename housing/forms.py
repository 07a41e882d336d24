from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from hearth.validators import limit_of, past_date
from housing.models import (
    Accessibility,
    Answer,
    CooperationAgreement,
    EndReason,
    HousingProvider,
    HousingSearch,
    Obligation,
    Offer,
    Tenancy,
    TenancyEvent,
    Unit,
    UnitStatus,
    UnitType,
)
from housing.preconditions import MESSAGE as PRECONDITION_MESSAGE
from housing.preconditions import names_a_precondition
from housing.situations import Situation


class TenancyEventForm(forms.ModelForm):
    class Meta:
        model = TenancyEvent
        fields = ["kind", "on", "note", "resolved_on"]
        widgets = {
            "on": DateInput(),
            "resolved_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class TenancyEventEditForm(TenancyEventForm, VersionedModelForm):
    """Mostly to record that it was resolved. The page always sends the version it read."""

    class Meta(TenancyEventForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False

    def save_versioned(self) -> bool:
        if self.cleaned_data.get("version") is None:
            self.cleaned_data["version"] = self.instance.version
        return super().save_versioned()


class _Versioned(VersionedModelForm):
    """Versioned when editing; a new record has no version to check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["version"].required = False


# Supply (R24)


class ProviderForm(_Versioned):
    class Meta:
        model = HousingProvider
        fields = ["name", "kind", "contact_name", "contact_phone", "contact_email", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the provider's name."))
        return name


class AgreementForm(_Versioned):
    class Meta:
        model = CooperationAgreement
        fields = ["homes", "starts_on", "ends_on", "contact", "note"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class UnitForm(_Versioned):
    accessibility = forms.MultipleChoiceField(
        label=_("accessibility"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Unit
        fields = [
            "address",
            "area",
            "unit_type",
            "rooms",
            "rent",
            "accessibility",
            "accessibility_note",
            "status",
            "note",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class SupplyFilterForm(forms.Form):
    area = forms.CharField(label=_("Area"), required=False)
    unit_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any")), *UnitType.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *UnitStatus.choices], required=False
    )
    rooms = forms.IntegerField(label=_("At least … rooms"), min_value=1, required=False)

    def filter(self, units):
        if not self.is_valid():
            return units
        data = self.cleaned_data
        if data["area"]:
            units = units.filter(area__icontains=data["area"].strip())
        if data["unit_type"]:
            units = units.filter(unit_type=data["unit_type"])
        if data["status"]:
            units = units.filter(status=data["status"])
        if data["rooms"]:
            units = units.filter(rooms__gte=data["rooms"])
        return units


# The search (R8, R34)


class SearchForm(_Versioned):
    accessibility = forms.MultipleChoiceField(
        label=_("accessibility needs"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HousingSearch
        fields = [
            "opened_on",
            "reason",
            "what_matters",
            "areas",
            "unit_type",
            "rooms",
            "accessibility",
            "accessibility_note",
        ]
        widgets = {
            "opened_on": DateInput(),
            "what_matters": forms.Textarea(attrs={"rows": 4}),
        }


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["unit", "address", "offered_on"]
        widgets = {"offered_on": DateInput(), "address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.filter(provider__organisation_id=organisation_id)
            .exclude(status=UnitStatus.OCCUPIED)
            .select_related("provider")
        )
        self.fields["offered_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not (data.get("address") or "").strip():
            self.add_error("unit", _("Choose a unit from the supply or write the address."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    answered_on = forms.DateField(
        label=_("Answered on"), required=False, widget=DateInput(), validators=[past_date]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=limit_of(Offer, "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "If they refused, in their own words. Refusing costs them nothing: their search "
            "goes on as before."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


# Tenancies (R7, R19, R34)


class ObligationsField(forms.MultipleChoiceField):
    """Ordinary tenancy obligations; a sobriety or treatment condition is refused with the
    R34 message rather than a bare "not a valid choice"."""

    def validate(self, value):
        refused = [v for v in value or [] if v not in Obligation.values]
        if any(names_a_precondition(v) for v in refused):
            raise forms.ValidationError(PRECONDITION_MESSAGE, code="precondition")
        if refused:
            raise forms.ValidationError(
                _("Choose among the ordinary obligations of a tenant."), code="invalid_choice"
            )
        super().validate(value)


class TenancyForm(_Versioned):
    obligations = ObligationsField(
        label=_("tenancy obligations"),
        choices=Obligation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ordinary obligations of a tenant only: no sobriety or treatment condition."),
    )

    class Meta:
        model = Tenancy
        fields = [
            "address",
            "provider",
            "landlord",
            "lease_signed_on",
            "lease_kind",
            "rent",
            "subsidy",
            "person_share",
            "obligations",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "lease_signed_on": DateInput(),
        }

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = HousingProvider.objects.filter(
            organisation_id=organisation_id
        )


class EndTenancyForm(forms.Form):
    on = forms.DateField(label=_("The tenancy ended on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Why it ended"), choices=EndReason.choices)
    next_situation = forms.TypedChoiceField(
        label=_("Where the person is staying now"),
        choices=Situation.choices,
        coerce=int,
        help_text=_("The case stays open and the search for a new home starts (R7)."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=limit_of(Tenancy, "end_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
