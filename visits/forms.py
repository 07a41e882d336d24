from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.caseload import eligible_workers
from hearth.forms import DateInput
from visits.models import Contact


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

    def clean_on(self):
        on = self.cleaned_data.get("on")
        if on and on > timezone.localdate():
            raise forms.ValidationError(_("A contact cannot be recorded in the future."))
        return on
