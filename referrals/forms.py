"""Forms of the referrals pages. Rules live in ``referrals.workflow`` and
``referrals.consent``; the forms check the input and show refusals beside the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hearth.forms import DateInput, add_errors
from hearth.signatures import OTHER_WAYS, SignatureField, given_way
from hearth.validators import limit_of, near_date, past_date
from referrals.models import (
    Barrier,
    BarrierCategory,
    Consent,
    ConsentPurpose,
    Referral,
    ReferralStatus,
    SharedCategory,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


class ReferralForm(forms.Form):
    """A new referral: to one service of the directory or one partner, what is shared, and
    optionally an accompaniment on the worker's agenda or a visit it came from."""

    resource = forms.ModelChoiceField(
        label=_("Service from the directory"), queryset=None, required=False
    )
    partner = forms.ModelChoiceField(
        label=pgettext_lazy("partner organisation", "Partner"), queryset=None, required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=limit_of(Referral, "purpose"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the person hopes to get from this service."),
    )
    shares = forms.MultipleChoiceField(
        label=_("Information shared"),
        choices=SharedCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Sharing any of these needs the person's consent for this receiver. "
            "Leave all empty to share nothing personal."
        ),
    )
    shared_note = forms.CharField(label=_("Note on what is shared"), max_length=300, required=False)
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput(), validators=[past_date])
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        widget=DateInput(),
        required=False,
        validators=[near_date],
        help_text=_("A reminder for you. Nothing happens to the referral when it passes."),
    )
    accompany_at = forms.DateTimeField(
        label=_("Accompany the person on"),
        widget=DateTimeInput(),
        required=False,
        validators=[near_date],
        help_text=_("Plans an accompaniment on your agenda."),
    )
    accompany_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=5, max_value=720, initial=60, required=False
    )
    contact = forms.ModelChoiceField(
        label=_("Recorded during the visit"), queryset=None, required=False
    )

    def __init__(self, *args, resources, partners, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources
        self.fields["partner"].queryset = partners
        self.fields["contact"].queryset = contacts
        self.fields["sent_on"].initial = timezone.localdate()

    def clean_purpose(self) -> str:
        purpose = self.cleaned_data["purpose"].strip()
        if not purpose:
            raise forms.ValidationError(_("Say what the referral is for."))
        return purpose

    def clean(self):
        data = super().clean()
        if bool(data.get("resource")) == bool(data.get("partner")):
            self.add_error("resource", _("Choose one service or one partner."))
        if data.get("accompany_at") and not data.get("accompany_minutes"):
            data["accompany_minutes"] = 60
        return data


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    refusal_reason = forms.CharField(
        label=_("Reason for the refusal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=limit_of(Referral, "refusal_reason"),
        help_text=_("Recorded as a barrier for advocacy. It costs the person nothing."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"), widget=DateInput(), required=False, validators=[near_date]
    )
    outcome_note = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=limit_of(Referral, "outcome_note"),
    )
    contact = forms.ModelChoiceField(
        label=_("Recorded during the visit"), queryset=None, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == ReferralStatus.REFUSED
            and not (data.get("refusal_reason") or "").strip()
        ):
            self.add_error("refusal_reason", _("Say why the referral was refused."))
        return data


class ConsentForm(forms.ModelForm):
    """A consent: what the person agrees to share, with whom, then their signature on the
    worker's phone — or, without one, how else they gave it (on paper, aloud before a
    witness). "Signed on the screen" is never a choice here: it follows from the signature."""

    signature = SignatureField(instead_of="given_how")

    class Meta:
        model = Consent
        fields = [
            "purpose",
            "partner",
            "resource",
            "scope_note",
            "expires_on",
            "given_on",
            "signature",
            "given_how",
            "witness",
        ]
        widgets = {
            "given_on": DateInput(),
            "expires_on": DateInput(),
            "given_how": forms.RadioSelect,
            "scope_note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"given_how": _("Or, without a signature on the screen")}

    def __init__(self, *args, partners, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["resource"].queryset = resources
        self.fields["given_how"].choices = OTHER_WAYS
        self.fields["given_how"].required = False

    def clean_witness(self) -> str:
        return self.cleaned_data["witness"].strip()

    def clean(self):
        data = super().clean()
        purpose = data.get("purpose")
        partner, resource = data.get("partner"), data.get("resource")
        if purpose == ConsentPurpose.STATISTICS:
            if partner or resource:
                self.add_error("partner", _("A consent for statistics names no organisation."))
        elif purpose and bool(partner) == bool(resource):
            self.add_error(
                "partner", _("Choose the one organisation that receives the information.")
            )
        if "signature" not in self.errors:
            try:
                data["given_how"] = given_way(
                    way=data.get("given_how") or "",
                    signature=data.get("signature") or "",
                    witness=data.get("witness") or "",
                )
            except forms.ValidationError as exc:
                add_errors(self, exc)
        given, expires = data.get("given_on"), data.get("expires_on")
        if given and expires and expires < given:
            self.add_error("expires_on", _("A consent cannot expire before it was given."))
        return data

    def validate_constraints(self, exclude=None):
        # The form's clean() says the same thing beside the right field.
        pass


class WithdrawConsentForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        widget=DateInput(),
        validators=[past_date],
        help_text=_("Sharing stops from this day. Normally today."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class BarrierForm(forms.Form):
    """An unmet need or another barrier met by the person (R37)."""

    category = forms.ChoiceField(
        label=_("Category"), choices=BarrierCategory.choices, initial=BarrierCategory.UNMET_NEED
    )
    area = forms.CharField(
        label=_("Area"),
        max_length=120,
        required=False,
        help_text=_("The neighbourhood, district or municipality where it happened."),
        widget=forms.TextInput(attrs={"list": "barrier-areas"}),
    )
    on = forms.DateField(label=_("Date"), widget=DateInput(), validators=[past_date])
    description = forms.CharField(
        label=_("What happened"),
        max_length=limit_of(Barrier, "description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe the barrier, not the person: it is counted for advocacy."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError(_("Say what happened."))
        return text


class BarrierReportForm(forms.Form):
    """Filters of the barrier report: a period, and optionally one program, team, category
    or area."""

    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)
    program = forms.ModelChoiceField(label=_("Program"), queryset=None, required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *BarrierCategory.choices],
        required=False,
    )
    area = forms.CharField(label=_("Area"), max_length=120, required=False)

    def __init__(self, *args, programs, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["team"].queryset = teams

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period comes after its start."))
        return data


class AccompanyForm(forms.Form):
    """An accompaniment added to a referral already sent."""

    accompany_at = forms.DateTimeField(
        label=_("Accompany the person on"),
        widget=DateTimeInput(),
        validators=[near_date],
        help_text=_("Plans an accompaniment on your agenda."),
    )
    accompany_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=5, max_value=720, initial=60
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
