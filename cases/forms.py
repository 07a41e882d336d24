from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import (
    Case,
    CaseloadOverride,
    CaseTransfer,
    ClosureReason,
    LegalTodo,
    ReadinessRecord,
    StageChange,
    TargetGroup,
)
from hearth.forms import DateInput, VersionedModelForm
from hearth.signatures import OTHER_WAYS, SIGNED_ON_SCREEN, AgreementWay
from hearth.validators import limit_of, past_date
from housing.models import LivingSituation
from housing.situations import OWN_HOME_CHOICES, Situation
from programs.models import ServiceModel, Team
from programs.roles import ICM_CASELOAD_ROLES
from programs.staff import eligible_workers


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class OverrideFields(forms.Form):
    """Shown when an assignment would exceed the program's standard (R4)."""

    confirm_over_standard = forms.BooleanField(
        label=_("I confirm this assignment above the standard."), required=False
    )
    override_reason = forms.CharField(
        label=_("Why is it needed?"),
        required=False,
        max_length=limit_of(CaseloadOverride, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpenCaseForm(OverrideFields):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    opened_on = forms.DateField(
        label=_("Opened on"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[past_date],
    )
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    intake_situation = forms.TypedChoiceField(
        label=_("Living situation at intake"), coerce=int, choices=Situation.choices
    )
    intake_situation_since = forms.DateField(
        label=_("Living like this since"),
        required=False,
        widget=DateInput(),
        validators=[past_date],
    )
    life_history = forms.CharField(
        label=_("Life history, in the person's own words"),
        required=False,
        max_length=limit_of(Case, "life_history"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    hopes = forms.CharField(
        label=_("Wishes, hopes and dreams"),
        required=False,
        max_length=limit_of(Case, "hopes"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    primary_worker = WorkerChoiceField(
        label=_("Primary worker"),
        queryset=None,
        required=False,
        help_text=_("ICM: the case manager. ACT: the team's named primary contact."),
    )
    backup_worker = WorkerChoiceField(label=_("Backup worker"), queryset=None, required=False)
    method_explained_on = forms.DateField(
        label=_("Method and program explained on"),
        required=False,
        widget=DateInput(),
        validators=[past_date],
    )
    terms_agreed_on = forms.DateField(
        label=_("Terms agreed on"), required=False, widget=DateInput(), validators=[past_date]
    )
    terms_agreed_how = forms.ChoiceField(
        label=_("How the terms were agreed"),
        required=False,
        # No signature pad at the opening: "signed on the screen" is a fact the pad records
        # (hearth.signatures), never a choice a worker ticks (issue 12 §8).
        choices=[("", "—"), *OTHER_WAYS],
    )
    terms_witness = forms.CharField(label=_("Witness"), required=False, max_length=200)
    terms_notes = forms.CharField(
        label=_("What was agreed"),
        required=False,
        max_length=limit_of(Case, "terms_notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who visits, when and how; what the person can expect from the team."),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(
            pk__in=[t.pk for t in teams]
        ).select_related("program__organisation")
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk

        workers = User.objects.filter(
            memberships__team__in=teams, memberships__end_date__isnull=True
        ).distinct()
        self.fields["primary_worker"].queryset = workers
        self.fields["backup_worker"].queryset = workers

    def clean(self):
        data = super().clean()
        team = data.get("team")
        if team:
            _check_workers(self, team, data.get("primary_worker"), data.get("backup_worker"))
        if data.get("terms_agreed_how") == AgreementWay.AGREED_ALOUD and not data.get(
            "terms_witness"
        ):
            self.add_error("terms_witness", _("Name the witness of a spoken agreement."))
        if data.get("terms_agreed_how") and not data.get("terms_agreed_on"):
            self.add_error("terms_agreed_on", _("Give the date the terms were agreed."))
        return data


def _check_workers(form: forms.Form, team: Team, primary, backup) -> None:
    eligible = set(eligible_workers(team).values_list("pk", flat=True))
    if primary and primary.pk not in eligible:
        form.add_error("primary_worker", _("This person is not on the team's staff."))
    if backup and backup.pk not in eligible:
        form.add_error("backup_worker", _("This person is not on the team's staff."))
    if primary and backup and primary.pk == backup.pk:
        form.add_error("backup_worker", _("The backup must be someone else."))
    if (
        primary
        and team.program.model != ServiceModel.ACT
        and not primary.memberships.filter(team=team, role__in=ICM_CASELOAD_ROLES).exists()
    ):
        form.add_error("primary_worker", _("In ICM the primary worker is a case manager."))


class LegalTodoForm(forms.ModelForm):
    class Meta:
        model = LegalTodo
        fields = ["kind", "description", "status"]


LegalTodoFormSet = forms.formset_factory(LegalTodoForm, extra=3, max_num=10)


class CaseDetailsForm(VersionedModelForm):
    """The opening record, editable as things are learned."""

    class Meta:
        model = Case
        fields = [
            "target_group",
            "life_history",
            "hopes",
            "method_explained_on",
            "terms_agreed_on",
            "terms_agreed_how",
            "terms_witness",
            "terms_notes",
        ]
        widgets = {
            "method_explained_on": DateInput(),
            "terms_agreed_on": DateInput(),
            "life_history": forms.Textarea(attrs={"rows": 6}),
            "hopes": forms.Textarea(attrs={"rows": 3}),
            "terms_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As at the opening; a record that already says so keeps its value on display.
        current = self.instance.terms_agreed_how
        self.fields["terms_agreed_how"].choices = [
            ("", "—"),
            *(
                (value, label)
                for value, label in AgreementWay.choices
                if value != SIGNED_ON_SCREEN or current == SIGNED_ON_SCREEN
            ),
        ]


class WorkersForm(OverrideFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    primary_worker = WorkerChoiceField(label=_("Primary worker"), queryset=None, required=False)
    backup_worker = WorkerChoiceField(label=_("Backup worker"), queryset=None, required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        workers = eligible_workers(case.team)
        self.fields["primary_worker"].queryset = workers
        self.fields["backup_worker"].queryset = workers
        self.fields["version"].initial = case.version
        self.fields["primary_worker"].initial = case.primary_worker_id
        self.fields["backup_worker"].initial = case.backup_worker_id

    def clean(self):
        data = super().clean()
        _check_workers(self, self.case.team, data.get("primary_worker"), data.get("backup_worker"))
        return data


class MoveInForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("Move-in date"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[past_date],
    )
    code = forms.TypedChoiceField(
        label=_("Kind of home"),
        coerce=int,
        choices=OWN_HOME_CHOICES,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=limit_of(LivingSituation, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReadinessForm(forms.ModelForm):
    class Meta:
        model = ReadinessRecord
        fields = ["feels_ready", "person_words", "income", "social_support", "substances", "note"]
        widgets = {
            "person_words": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class CloseForm(ReadinessForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("Closing date"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[past_date],
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)

    class Meta(ReadinessForm.Meta):
        pass


class ReopenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("Reopened on"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[past_date],
    )
    reason = forms.CharField(
        label=_("Why the case is reopened"),
        max_length=limit_of(StageChange, "note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferForm(OverrideFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_team = forms.ModelChoiceField(label=_("To team"), queryset=Team.objects.none())
    on = forms.DateField(
        label=_("Date"), widget=DateInput(), initial=timezone.localdate, validators=[past_date]
    )
    person_agreed = forms.BooleanField(label=_("The person agreed to the transfer"), required=False)
    reason = forms.CharField(
        label=_("Why now"),
        required=False,
        max_length=limit_of(CaseTransfer, "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, case: Case, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = teams.exclude(pk=case.team_id).filter(
            program__organisation=case.program.organisation_id
        )
        self.fields["version"].initial = case.version


class LivingSituationForm(forms.Form):
    code = forms.TypedChoiceField(
        label=_("Living situation"), coerce=int, choices=Situation.choices
    )
    on = forms.DateField(
        label=_("From"), widget=DateInput(), initial=timezone.localdate, validators=[past_date]
    )
    lost_home = forms.BooleanField(label=_("The person lost their home"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=limit_of(LivingSituation, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
