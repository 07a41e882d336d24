import zoneinfo

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from hearth.forms import DateInput, VersionedModelForm
from programs.models import Membership, Organisation, Program, Team
from programs.roles import ORGANISATION_ROLES, PROGRAM_ROLES


class OrganisationForm(VersionedModelForm):
    time_zone = forms.ChoiceField(
        label=_("time zone"),
        choices=[(tz, tz) for tz in sorted(zoneinfo.available_timezones())],
    )

    class Meta:
        model = Organisation
        fields = ["name", "slug", "country", "language", "currency", "time_zone"]


class ProgramForm(VersionedModelForm):
    class Meta:
        model = Program
        fields = [
            "name",
            "model",
            "persons_per_worker",
            "coverage_policy",
            "meeting_cadence",
            "time_unlimited",
            "weekly_visits_months",
            "target_group",
            "approach",
            "expected_effect",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ["target_group", "approach", "expected_effect"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # New program: the standards come from the model's defaults unless changed.
            for name in ["persons_per_worker", "coverage_policy", "meeting_cadence"]:
                self.fields[name].required = False
            self.fields["version"].required = False

    def clean_persons_per_worker(self):
        value = self.cleaned_data.get("persons_per_worker")
        if value is not None and not 1 <= value <= 100:
            raise forms.ValidationError(_("Give a number between 1 and 100."))
        return value


class TeamForm(VersionedModelForm):
    class Meta:
        model = Team
        fields = ["name", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["version"].required = False


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "program", "team", "fte", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(
        self,
        *args,
        organisation: Organisation,
        programs,
        may_appoint_administrators: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["fte"].localize = True  # "0,5" in French, Danish and Portuguese
        self.fields["fte"].widget.is_localized = True
        self.instance.organisation = organisation
        self.may_appoint_administrators = may_appoint_administrators
        self.fields["program"].queryset = programs
        self.fields["team"].queryset = Team.objects.filter(program__in=programs)
        self.fields["program"].required = False
        self.fields["team"].required = False

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in ORGANISATION_ROLES and not self.may_appoint_administrators:
            self.add_error(
                "role", _("Only an organisation's data administrator can appoint another.")
            )
        if role in PROGRAM_ROLES and not data.get("program"):
            self.add_error("program", _("Choose the program."))
        return data


class NewStaffForm(forms.ModelForm):
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput,
        help_text=_("At least 10 characters; they can change it later."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "phone", "language"]

    def clean(self):
        data = super().clean()
        if data.get("password"):
            user = User(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(data["password"], user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user
