"""Forms of the tools app: an assessment built from its instrument version, the instrument
editor, and the vulnerability framework's factors and reviews."""

import json
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.forms import DateInput, VersionedModelForm
from hearth.validators import past_date
from tools import definition as spec
from tools.areas import SENSITIVE_AREAS, LifeArea
from tools.models import Factor, FactorCatalogueEntry, FrameworkReview, Instrument

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
ANSWER_PREFIX = "answer__"
# Visits of the last weeks are offered as "taken during the visit".
RECENT_VISIT_DAYS = 60


def _scale_choices(item: dict) -> list[tuple[str, str]]:
    low, high = spec.scale_bounds(item)
    choices = []
    for n in range(low, high + 1):
        label = str(n)
        if n == low and item.get("min_label"):
            label = f"{n} — {item['min_label']}"
        elif n == high and item.get("max_label"):
            label = f"{n} — {item['max_label']}"
        choices.append((str(n), label))
    return choices


def _item_field(item: dict) -> forms.Field:
    common = {"label": item["label"], "required": False, "help_text": item.get("help", "")}
    kind = item["type"]
    if kind == "scale":
        return forms.TypedChoiceField(
            choices=_scale_choices(item),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == "choice":
        return forms.ChoiceField(
            choices=[(c.get("value", c["label"]), c["label"]) for c in item["choices"]],
            widget=forms.RadioSelect,
            **common,
        )
    if kind == "yesno":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == "number":
        return forms.DecimalField(
            min_value=item.get("min"),
            max_value=item.get("max"),
            max_digits=12,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    return forms.CharField(
        max_length=spec.TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}), **common
    )


class VisitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.on:%Y-%m-%d} · {obj.get_kind_display()}"


class AssessmentForm(forms.Form):
    """An instrument version's items, domain by domain; every item may be left unanswered.
    Sensitive domains are asked only by the roles the program allows (R35)."""

    taken_on = forms.DateField(label=_("Taken on"), widget=DateInput(), validators=[past_date])
    contact = VisitChoiceField(
        label=_("Taken during the visit"), queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, version, case, show_sensitive: bool, contact=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        since = timezone.localdate() - timedelta(days=RECENT_VISIT_DAYS)
        visits = case.contacts.filter(Q(on__gte=since) | Q(pk=getattr(contact, "pk", None)))
        self.fields["contact"].queryset = visits.order_by("-on", "-id")
        self.fields["contact"].initial = contact
        self.fields["taken_on"].initial = contact.on if contact else timezone.localdate()
        self.items: dict[str, dict] = {}
        self.domains = []
        self.left_out = False
        for domain in spec.domains_of(version.display_definition()):
            if spec.is_sensitive(domain) and not show_sensitive:
                self.left_out = True
                continue
            names = []
            for item in domain["items"]:
                name = ANSWER_PREFIX + item["key"]
                self.fields[name] = _item_field(item)
                self.items[item["key"]] = item
                names.append(name)
            self.domains.append((domain["title"], names))

    def domain_fields(self):
        for title, names in self.domains:
            yield title, [self[name] for name in names]

    def answers(self) -> dict:
        result = {}
        for key in self.items:
            value = self.cleaned_data.get(ANSWER_PREFIX + key)
            if value in (None, ""):
                continue
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            result[key] = value
        return result

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.answers():
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned


class InstrumentForm(forms.Form):
    """A program's own instrument: its content as JSON (see tools/definition.py)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("A short name for exports and the API, e.g. “home_star”. It never changes."),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    definition = forms.CharField(
        label=_("Domains and items (JSON)"),
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text=_(
            "Item types: choice, scale, number, text, yesno. Scoring per domain: sum, mean or "
            'none. Example: {"domains": [{"key": "home", "title": "Home", "life_area": '
            '"housing", "scoring": "mean", "items": [{"key": "home_now", "label": "How is it '
            'going with your home?", "type": "scale", "min": 1, "max": 5}]}]}'
        ),
    )

    def __init__(self, *args, program, instrument: Instrument | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.instrument = instrument
        if instrument is not None:
            self.fields["key"].disabled = True
            self.fields["key"].help_text = _("It never changes.")

    def clean_key(self):
        key = self.cleaned_data["key"]
        taken = Instrument.objects.filter(program=self.program, key=key)
        if self.instrument is not None:
            taken = taken.exclude(pk=self.instrument.pk)
        if taken.exists():
            raise forms.ValidationError(_("The program already has an instrument with this key."))
        return key

    def clean_definition(self):
        raw = self.cleaned_data["definition"]
        try:
            definition = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s): %(problem)s")
                % {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}
            ) from exc
        problems = spec.validate(definition)
        if problems:
            raise forms.ValidationError(problems)
        return definition


def area_choices(*, show_sensitive: bool) -> list[tuple[str, str]]:
    return [
        (v, label) for v, label in LifeArea.choices if show_sensitive or v not in SENSITIVE_AREAS
    ]


class FactorForm(forms.ModelForm):
    """A new factor: from the catalogue of its area and kind, or in our own words."""

    class Meta:
        model = Factor
        fields = ["area", "kind", "catalogue_entry", "text", "strength", "evidence", "noted_on"]
        widgets = {
            "strength": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "noted_on": DateInput(),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, case, show_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices(show_sensitive=show_sensitive)
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no empty radio
        source = self.data if self.is_bound else self.initial
        self.fields["catalogue_entry"].queryset = FactorCatalogueEntry.objects.for_program(
            case.program
        ).filter(area=source.get("area") or "", kind=source.get("kind") or "")
        self.fields["catalogue_entry"].empty_label = _("— in our own words —")
        self.fields["text"].help_text = _(
            "Or choose from the catalogue above. Written here, it is kept as written."
        )


class FactorEditForm(VersionedModelForm):
    """Strength, evidence and wording change over time; "no longer applies from" ends it."""

    class Meta:
        model = Factor
        fields = ["catalogue_entry", "text", "strength", "evidence", "noted_on", "ended_on"]
        widgets = {
            "strength": forms.RadioSelect,
            "noted_on": DateInput(),
            "ended_on": DateInput(),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        factor = self.instance
        self.fields["catalogue_entry"].queryset = FactorCatalogueEntry.objects.for_program(
            factor.case.program
        ).filter(area=factor.area, kind=factor.kind)
        self.fields["catalogue_entry"].empty_label = _("— in our own words —")


class ReviewForm(forms.ModelForm):
    class Meta:
        model = FrameworkReview
        fields = ["reviewed_on", "note"]
        widgets = {"reviewed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"note": _("What we looked at together, and what the person said.")}
