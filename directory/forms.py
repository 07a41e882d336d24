"""Forms of the directory: resources, update suggestions and their review, partners, their
contacts and agreements."""

from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from directory.models import (
    CollaborationAgreement,
    Partner,
    PartnerContact,
    PartnerKind,
    Resource,
    ResourceKind,
    ResourceUpdateSuggestion,
)
from hearth.forms import DateInput, VersionedModelForm
from hearth.validators import limit_of

_TEXTAREAS = {
    "summary": forms.Textarea(attrs={"rows": 3}),
    "eligibility": forms.Textarea(attrs={"rows": 2}),
    "how_to_get": forms.Textarea(attrs={"rows": 2}),
    "note": forms.Textarea(attrs={"rows": 2}),
}


class ResourceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ResourceKind.choices]
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    needs_checking = forms.BooleanField(label=_("Only those that need checking"), required=False)
    inactive = forms.BooleanField(label=_("Include those no longer active"), required=False)

    def __init__(self, *args, areas: list[str], languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas")), *((a, a) for a in areas)]
        self.fields["language"].choices = [("", _("Any language")), *((x, x) for x in languages)]


class _ResourceFields(forms.ModelForm):
    class Meta:
        model = Resource
        fields = [*Resource.EDITABLE_FIELDS, "active"]
        widgets = _TEXTAREAS

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the resource a name."))
        return name


class NewResourceForm(_ResourceFields):
    """Add a resource; with several organisations to edit, say whose directory it goes in."""

    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))

    class Meta(_ResourceFields.Meta):
        fields = ["organisation", *Resource.EDITABLE_FIELDS]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()


class ResourceForm(_ResourceFields, VersionedModelForm):
    """Edit a resource; a change made since the form was opened is not overwritten."""

    mark_checked = forms.BooleanField(
        label=_("I checked this entry today"), required=False, initial=True
    )

    class Meta(_ResourceFields.Meta):
        pass


class CheckedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SuggestionForm(forms.ModelForm):
    """What a staff member thinks should change. Only the fields that differ from the resource
    as it is now become part of the suggestion."""

    note = forms.CharField(
        label=_("Note for the data administrator"),
        required=False,
        max_length=limit_of(ResourceUpdateSuggestion, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example how you found out: “called them on Monday”."),
    )

    class Meta:
        model = Resource
        fields = Resource.EDITABLE_FIELDS
        widgets = _TEXTAREAS

    def __init__(self, *args, resource: Resource | None = None, **kwargs):
        self.resource = resource
        if resource is not None:
            kwargs.setdefault("initial", model_to_dict(resource, fields=Resource.EDITABLE_FIELDS))
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not self.changes() and not data.get("note", "").strip():
            raise forms.ValidationError(
                _("Change at least one field, or write a note saying what is out of date.")
            )
        return data

    def changes(self) -> dict:
        data = self.cleaned_data
        if self.resource is None:
            return {f: data[f] for f in Resource.EDITABLE_FIELDS if data.get(f)}
        return {
            f: data[f]
            for f in Resource.EDITABLE_FIELDS
            if f in data and data[f] != getattr(self.resource, f)
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=limit_of(ResourceUpdateSuggestion, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person who suggested it reads this."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the suggestion is not taken."))
        return reason


class PartnerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartnerKind.choices]
    )


class NewPartnerForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))

    class Meta:
        model = Partner
        fields = ["organisation", *Partner.EDITABLE_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisations, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["resource"].queryset = resources
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the partner a name."))
        return name

    def clean(self):
        data = super().clean()
        resource, organisation = data.get("resource"), data.get("organisation")
        if resource and organisation and resource.organisation_id != organisation.pk:
            self.add_error("resource", _("Pick a resource of the same organisation."))
        return data


class PartnerForm(VersionedModelForm):
    class Meta:
        model = Partner
        fields = Partner.EDITABLE_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources

    clean_name = NewPartnerForm.clean_name


class PartnerContactForm(VersionedModelForm):
    class Meta:
        model = PartnerContact
        fields = PartnerContact.EDITABLE_FIELDS

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the contact's name."))
        return name


class AgreementForm(VersionedModelForm):
    class Meta:
        model = CollaborationAgreement
        fields = CollaborationAgreement.EDITABLE_FIELDS
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "our_part": forms.Textarea(attrs={"rows": 3}),
            "their_part": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
