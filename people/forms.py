from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from people.identifiers import IdentifierKind, InvalidIdentifier, normalise
from people.languages import choices_in_reader_order
from people.matching import identifier_taken
from people.models import HouseholdMember, NationalIdentifier, Person

PERSON_FIELDS = list(Person.EDITABLE_FIELDS)


def _languages_in_reader_order(form: forms.BaseForm) -> None:
    form.fields["preferred_language"].choices = [*BLANK_CHOICE_DASH, *choices_in_reader_order()]


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "cultural_notes": forms.Textarea(attrs={"rows": 2}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "safety_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _languages_in_reader_order(self)


class NewPersonForm(forms.ModelForm):
    """Registration of a new person, with an optional national identifier."""

    identifier_kind = forms.ChoiceField(
        label=_("National identifier"),
        required=False,
        choices=[("", _("None or not known")), *IdentifierKind.choices],
    )
    identifier_value = forms.CharField(label=_("Number"), required=False, max_length=30)
    confirmed_new = forms.BooleanField(
        label=_("I have checked the possible matches: this is a new person."), required=False
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = PersonForm.Meta.widgets

    def __init__(self, *args, organisation=None, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.matches = list(matches)
        _languages_in_reader_order(self)

    def clean(self):
        data = super().clean()
        kind, value = data.get("identifier_kind"), data.get("identifier_value", "").strip()
        if value and not kind:
            self.add_error("identifier_kind", _("Choose which kind of number this is."))
        elif kind and value:
            try:
                data["identifier_compact"] = normalise(kind, value)
            except InvalidIdentifier as exc:
                self.add_error("identifier_value", exc.message)
            else:
                if self.organisation and identifier_taken(
                    self.organisation.pk, kind, data["identifier_compact"]
                ):
                    self.add_error(
                        "identifier_value",
                        _(
                            "A person with this number is already registered. Ask your data "
                            "administrator before registering them again."
                        ),
                    )
        if self.matches and not data.get("confirmed_new"):
            self.add_error(
                "confirmed_new",
                _("Possible matches were found. Check them; if none is this person, tick the box."),
            )
        return data


class IdentifierForm(VersionedModelForm):
    class Meta:
        model = NationalIdentifier
        fields = ["kind", "value"]

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.instance.person = person

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value")
        if kind and value:
            try:
                data["value"] = normalise(kind, value)
            except InvalidIdentifier as exc:
                self.add_error("value", exc.message)
                return data
            self.instance.value = data["value"]
            if identifier_taken(
                self.person.organisation_id, kind, data["value"], besides=self.instance.pk
            ):
                self.add_error("value", _("A person with this number is already registered."))
            if self.person.identifiers.filter(kind=kind).exclude(pk=self.instance.pk).exists():
                self.add_error("kind", _("This person already has a number of this kind."))
        return data

    def validate_unique(self):
        # Uniqueness is checked in clean() with a clearer message; the database enforces it.
        pass


class HouseholdMemberForm(VersionedModelForm):
    class Meta:
        model = HouseholdMember
        fields = [
            "relationship",
            "name",
            "linked_person",
            "birth_year",
            "lives_with_person",
            "note",
        ]

    def __init__(self, *args, person: Person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.fields["linked_person"].queryset = Person.objects.visible_to(user).exclude(
            pk=person.pk
        )
        self.fields["linked_person"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("linked_person"):
            self.add_error("name", _("Give a name, or choose the person in Hearth."))
        return data
