from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import Round


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["title", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"title": gettext_lazy("For example “Spring 2027”. Optional.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + timedelta(days=28)

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        opens_on = self.cleaned_data.get("opens_on")
        if opens_on and closes_on < opens_on:
            raise forms.ValidationError(_("The round closes after it opens."))
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("The closing date cannot be in the past."))
        return closes_on
