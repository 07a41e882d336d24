"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError

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
            keep_their_input(self, self.instance)
            return False
        self.save_m2m()
        return True


def keep_their_input(form: forms.BaseForm, obj) -> None:
    """After a stale edit the page shows again with what they typed and the version the record
    has now, so that they check the other change and save theirs again; ``obj`` is read
    again, without their input (which saving the form had copied onto it)."""
    obj.refresh_from_db()
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = obj.version


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """A rule's refusal shown on the form: beside its field when the form has it, else above."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
