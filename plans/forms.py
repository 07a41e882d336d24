from datetime import timedelta

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from hearth.signatures import AgreementWay, SignatureField
from hearth.validators import TextLimit, limit_of, past_date
from plans.models import (
    LINK_DEFAULT_DAYS,
    LINK_MAX_DAYS,
    ActionStep,
    Goal,
    GoalStatus,
    OwnerKind,
    Plan,
    PlanVersion,
)
from plans.snapshot import factor_text
from plans.workflow import GoalReview, agreement_errors
from programs.staff import team_staff
from tools.areas import SENSITIVE_AREAS
from tools.models import Factor, FactorKind


class FactorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_area_display()}: {factor_text(obj)}"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class _Versioned(VersionedModelForm):
    """Create plainly; edit with the version check (a colleague's change is never lost)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["version"].required = False

    def save_checked(self) -> bool:
        if self.instance.pk is None:
            with transaction.atomic():  # the row and its links together
                self.save()
            return True
        return self.save_versioned()


class GoalForm(_Versioned):
    """The person's own words first; the SMART parts are worked out with them."""

    barriers = FactorChoiceField(
        label=_("Barriers it works on"),
        queryset=Factor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Risk factors from the vulnerability framework."),
    )
    strengths = FactorChoiceField(
        label=_("Strengths it builds on"),
        queryset=Factor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Protection factors from the vulnerability framework."),
    )

    class Meta:
        model = Goal
        fields = [
            "own_words",
            "what_exactly",
            "how_we_will_know",
            "life_area",
            "time_frame",
            "barriers",
            "strengths",
            "status",
        ]
        widgets = {
            "own_words": forms.Textarea(attrs={"rows": 3}),
            "what_exactly": forms.Textarea(attrs={"rows": 2}),
            "how_we_will_know": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "own_words": {"required": _("Write the goal down in the person's own words first.")}
        }

    def __init__(self, *args, case, show_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["status"]
        linked = set()
        if self.instance.pk is not None:
            linked = {f.pk for f in self.instance.barriers.all()} | {
                f.pk for f in self.instance.strengths.all()
            }
        # The factors in force now, and any already linked (a factor that ended stays linked).
        in_force = Factor.objects.filter(case=case).current().values("pk")
        factors = (
            Factor.objects.filter(case=case)
            .filter(Q(pk__in=in_force) | Q(pk__in=linked))
            .select_related("catalogue_entry")
        )
        # Sensitive areas (R35): not offered to who may not see them, and kept as they were.
        self.kept_hidden: dict[str, list[int]] = {"barriers": [], "strengths": []}
        if not show_sensitive:
            if self.instance.pk is not None:
                for name in ("barriers", "strengths"):
                    self.kept_hidden[name] = [
                        f.pk
                        for f in getattr(self.instance, name).all()
                        if f.area in SENSITIVE_AREAS
                    ]
            factors = factors.exclude(area__in=SENSITIVE_AREAS)
        self.fields["barriers"].queryset = factors.filter(kind=FactorKind.RISK)
        self.fields["strengths"].queryset = factors.filter(kind=FactorKind.PROTECTION)
        self.fields["time_frame"].initial = ""

    def _save_m2m(self):
        super()._save_m2m()
        for name, ids in self.kept_hidden.items():
            if ids:
                getattr(self.instance, name).add(*ids)


class StepForm(_Versioned):
    owner_user = StaffChoiceField(
        label=_("Who on the team"),
        queryset=None,
        required=False,
        help_text=_("Needed for another team member; optional for the case manager."),
    )

    class Meta:
        model = ActionStep
        fields = ["description", "owner_kind", "owner_user", "partner_name", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "owner_kind": forms.RadioSelect,
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio list needs no empty "select an option" entry: who does it is always known.
        self.fields["owner_kind"].choices = OwnerKind.choices
        self.fields["owner_user"].queryset = team_staff(case.team_id)
        if self.instance.pk is None:
            self.fields["owner_kind"].initial = OwnerKind.PERSON


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStep._meta.get_field("status").choices)
    version = forms.IntegerField()


class IntervalForm(VersionedModelForm):
    class Meta:
        model = Plan
        fields = ["review_interval_days"]


class VersionForm(forms.Form):
    note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=limit_of(PlanVersion, "review_note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    """A review: one progress note and status per goal, the next review, the plan's version."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("Reviewed on"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[past_date],
    )
    review_note = forms.CharField(
        label=_("How things are going, in a few words"),
        required=False,
        max_length=limit_of(PlanVersion, "review_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    review_interval_days = Plan._meta.get_field("review_interval_days").formfield()

    def __init__(self, *args, plan: Plan, goals: list[Goal], **kwargs):
        kwargs.setdefault(
            "initial",
            {"version": plan.version, "review_interval_days": plan.review_interval_days},
        )
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"progress_{goal.pk}"] = forms.CharField(
                label=_("Progress"),
                required=False,
                max_length=TextLimit.NOTE,  # kept in the version's snapshot
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"status_{goal.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=GoalStatus.choices, initial=goal.status
            )
            self.fields[f"goal_version_{goal.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=goal.version
            )

    def goal_rows(self):
        for goal in self.goals:
            yield (
                goal,
                self[f"progress_{goal.pk}"],
                self[f"status_{goal.pk}"],
                self[f"goal_version_{goal.pk}"],
            )

    def goal_reviews(self):
        return [
            GoalReview(
                goal_id=goal.pk,
                version=self.cleaned_data[f"goal_version_{goal.pk}"],
                status=self.cleaned_data[f"status_{goal.pk}"],
                progress=self.cleaned_data[f"progress_{goal.pk}"],
            )
            for goal in self.goals
        ]


class AgreementForm(forms.Form):
    """The person's agreement on one version. Signing on the screen needs JavaScript; the
    spoken agreement before a witness works on any phone."""

    way = forms.ChoiceField(
        label=_("How the person agrees"),
        choices=AgreementWay.choices,
        widget=forms.RadioSelect,
        initial=AgreementWay.SIGNED_SCREEN,
    )
    # Checked by agreement_errors, with the way it goes with.
    signature = SignatureField(when="way=signed_screen", validators=[])
    witness = forms.CharField(
        label=_("Witness"),
        required=False,
        max_length=limit_of(PlanVersion, "witness"),
        help_text=_("For a spoken agreement: who else heard the person agree."),
    )
    agreed_on = forms.DateField(
        label=_("Agreed on"), widget=DateInput(), initial=timezone.localdate
    )
    person_comment = forms.CharField(
        label=_("What the person said about the plan"),
        required=False,
        max_length=limit_of(PlanVersion, "person_comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if "way" in data and "agreed_on" in data:
            errors = agreement_errors(
                way=data["way"],
                signature=data.get("signature", ""),
                witness=data.get("witness", ""),
                agreed_on=data["agreed_on"],
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return data


class LinkForm(forms.Form):
    days = forms.IntegerField(
        label=_("The link works for … days"),
        initial=LINK_DEFAULT_DAYS,
        min_value=1,
        max_value=LINK_MAX_DAYS,
    )

    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["days"])
