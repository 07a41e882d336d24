"""Form helpers shared by every app."""

from django import forms

from hearth.concurrency import STALE_MESSAGE, StaleEdit, save_versioned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made since the form was opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def save_versioned(self) -> bool:
        """Save, or add the stale-edit error to the form and return False."""
        obj = self.save(commit=False)
        try:
            save_versioned(obj, expected_version=self.cleaned_data["version"])
        except StaleEdit:
            self.add_error(None, STALE_MESSAGE)
            return False
        self.save_m2m()
        return True
