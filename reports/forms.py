"""The form of a report, built from its template version's definition."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.validators import limit_of
from reports.definition import ANSWER_LIMIT, display_answer, validate
from reports.models import Addendum
from visits.models import ContactKind

SCALE = [(str(n), str(n)) for n in range(1, 6)]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _field(spec: dict) -> forms.Field:
    common = {"label": spec["label"], "required": False, "help_text": spec.get("help", "")}
    kind = spec["type"]
    if kind == "text":
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}), max_length=ANSWER_LIMIT, **common
        )
    if kind == "choice":
        return forms.ChoiceField(
            choices=[(c, c) for c in spec["choices"]], widget=forms.RadioSelect, **common
        )
    if kind == "scale":
        return forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect, **common)
    if kind == "checklist":
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in spec["choices"]], widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)


class ReportForm(forms.Form):
    """Every field optional while drafting; the required ones are checked when signing."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, **kwargs):
        kwargs.setdefault("initial", {**report.answers, "version": report.version})
        super().__init__(*args, **kwargs)
        self.report = report
        self.sections = []
        for section in report.template_version.definition["sections"]:
            names = []
            for spec in section["fields"]:
                field = self.fields[spec["key"]] = _field(spec)
                # The error slot beside the field is there before any error: a draft saved
                # through htmx fills it in place (reports/report.html#field-error).
                described = [f"id_{spec['key']}_error"] + (
                    [f"id_{spec['key']}_helptext"] if field.help_text else []
                )
                field.widget.attrs["aria-describedby"] = " ".join(described)
                names.append(spec["key"])
            self.sections.append((section["title"], names))

    def section_fields(self):
        for title, names in self.sections:
            yield title, [self[name] for name in names]

    def display_sections(self):
        """For a signed report: each section's labels and answers as a reader sees them."""
        for section in self.report.template_version.definition["sections"]:
            yield (
                section["title"],
                [
                    (spec["label"], display_answer(spec, self.report.answers.get(spec["key"])))
                    for spec in section["fields"]
                ],
            )

    def answers(self) -> dict:
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key != "version" and value not in (None, "", [])
        }


class AddendumForm(forms.Form):
    text = forms.CharField(
        label=_("Addendum"),
        max_length=limit_of(Addendum, "text"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TemplateForm(forms.Form):
    """A program manager's template: its content as JSON (see reports/definition.py)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kinds = forms.MultipleChoiceField(
        label=_("For contacts of kind"),
        choices=ContactKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    first_visit_only = forms.BooleanField(
        label=_("Only for the first home visit after move-in"), required=False
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    definition = forms.CharField(
        label=_("Sections and fields (JSON)"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            'Types: text, choice, scale, checklist, yesno. Example: {"sections": '
            '[{"title": "The home", "fields": [{"key": "home", "label": "How is the '
            'home organised?", "type": "text", "required": true}]}]}'
        ),
    )

    def clean_definition(self):
        raw = self.cleaned_data["definition"]
        try:
            definition = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s): %(problem)s")
                % {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}
            ) from exc
        problems = validate(definition)
        if problems:
            raise forms.ValidationError(problems)
        return definition
