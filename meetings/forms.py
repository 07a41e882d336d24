from django import forms

from hearth.forms import VersionedModelForm
from meetings.models import CaseConference
from programs.staff import eligible_workers
from visits.forms import DateTimeInput, StaffChoiceField


class ConferenceForm(VersionedModelForm):
    participants = StaffChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = CaseConference
        fields = [
            "scheduled_for",
            "purpose",
            "participants",
            "partners",
            "person_present",
            "status",
            "strategy",
            "plan_reference",
        ]
        widgets = {
            "scheduled_for": DateTimeInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "strategy": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = eligible_workers(case.team)
        self.fields["participants"].label = CaseConference._meta.get_field(
            "participants"
        ).verbose_name
        self.fields["scheduled_for"].input_formats = ["%Y-%m-%dT%H:%M"]
        if not self.instance.pk:
            self.fields["version"].required = False
