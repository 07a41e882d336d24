from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from programs.staff import eligible_workers
from visits.models import Appointment, AppointmentStatus, CadenceAgreement, Contact, Crisis


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class ContactForm(forms.ModelForm):
    staff = StaffChoiceField(
        label=_("Staff present"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contact
        fields = [
            "on",
            "kind",
            "staff",
            "minutes",
            "place",
            "face_to_face",
            "accompanied_to",
            "note",
        ]
        widgets = {"on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = eligible_workers(case.team)
        self.fields["staff"].initial = [user.pk]


class CadenceForm(forms.ModelForm):
    class Meta:
        model = CadenceAgreement
        fields = ["interval_days", "agreed_on", "note"]
        widgets = {"agreed_on": DateInput()}
        help_texts = {"interval_days": _("For example 7 for weekly, 14 for every two weeks.")}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


class AppointmentForm(forms.ModelForm):
    staff = StaffChoiceField(label=_("Staff"), queryset=None, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Appointment
        fields = ["starts_at", "minutes", "kind", "place", "where", "accompany_to", "staff", "note"]
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["staff"].queryset = eligible_workers(case.team)
        if not self.instance.pk:
            self.fields["staff"].initial = [user.pk]


class CrisisForm(forms.ModelForm):
    responders = StaffChoiceField(
        label=_("Who responded"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Crisis
        fields = [
            "occurred_at",
            "severity",
            "what",
            "responders",
            "response",
            "outcome",
            "follow_up",
            "follow_up_on",
        ]
        widgets = {
            "occurred_at": DateTimeInput(),
            "follow_up_on": DateInput(),
            "what": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["responders"].queryset = eligible_workers(case.team)
        self.fields["responders"].initial = [user.pk]


class AppointmentEditForm(VersionedModelForm):
    staff = StaffChoiceField(label=_("Staff"), queryset=None, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Appointment
        fields = [
            "starts_at",
            "minutes",
            "kind",
            "place",
            "where",
            "accompany_to",
            "staff",
            "note",
            "status",
        ]
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["staff"].queryset = eligible_workers(case.team)
        # Done is recorded by recording the visit itself, not here.
        self.fields["status"].choices = [
            (value, label)
            for value, label in AppointmentStatus.choices
            if value != AppointmentStatus.DONE
        ]
