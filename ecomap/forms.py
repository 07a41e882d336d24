from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ecomap.models import Snapshot, Tie
from hearth.forms import DateInput, VersionedModelForm


class NewTieForm(forms.ModelForm):
    class Meta:
        model = Tie
        fields = Tie.EDITABLE_FIELDS
        widgets = {
            "strength": forms.RadioSelect,
            "quality": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Say who or what the tie is with."))
        return name


class TieForm(NewTieForm, VersionedModelForm):
    """Edit a tie; every change redraws the map (htmx). A stale edit is refused."""

    class Meta(NewTieForm.Meta):
        pass


class EndTieForm(VersionedModelForm):
    """End a tie (it stays in the history), or bring an ended tie back."""

    class Meta:
        model = Tie
        fields = ["ended_on"]
        widgets = {"ended_on": DateInput()}
        labels = {"ended_on": _("The tie ended on")}
        help_texts = {
            "ended_on": _(
                "The tie leaves the map but stays in the history and in earlier snapshots. "
                "Leave empty to bring an ended tie back."
            )
        }

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on is None and self.instance.ended_on is None:
            raise forms.ValidationError(_("Give the date the tie ended."))
        return ended_on


class SnapshotForm(forms.ModelForm):
    class Meta:
        model = Snapshot
        fields = ["taken_on", "note"]
        widgets = {"taken_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class CompareForm(forms.Form):
    """Pick the two maps to compare; ``now`` is the map as it is today."""

    a = forms.ChoiceField(label=_("Earlier"))
    b = forms.ChoiceField(label=_("Later"))

    def __init__(self, *args, snapshots: list[Snapshot], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(s.pk), date_format(s.taken_on, "SHORT_DATE_FORMAT")) for s in snapshots]
        self.fields["a"].choices = choices
        self.fields["b"].choices = [*choices, ("now", _("Today's map"))]
