from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput
from housing.models import TenancyEvent


class TenancyEventForm(forms.ModelForm):
    class Meta:
        model = TenancyEvent
        fields = ["kind", "on", "note", "resolved_on"]
        widgets = {
            "on": DateInput(),
            "resolved_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        on, resolved = data.get("on"), data.get("resolved_on")
        if on and on > timezone.localdate():
            self.add_error("on", _("This date is in the future."))
        if on and resolved and resolved < on:
            self.add_error(
                "resolved_on", _("The date it was resolved is before the date it happened.")
            )
        return data
