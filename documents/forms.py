from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentKind
from hearth.validators import limit_of


class UploadForm(forms.Form):
    """Upload a document about a person; the file itself is checked by ``store_upload``."""

    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What the document is, e.g. “Lease, 12 Elm St.” or “Health card”."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, or a JPEG, PNG, WEBP or HEIC photo."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp,image/heic"}
        ),
    )
    case = forms.TypedChoiceField(
        label=_("Case"), coerce=int, required=False, empty_value=None, choices=()
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        cases = list(cases)
        self.cases = {c.pk: c for c in cases}
        if len(cases) <= 1:
            del self.fields["case"]
        else:
            self.fields["case"].choices = [("", "—")] + [(c.pk, str(c.program)) for c in cases]

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the document a title."))
        return title

    def chosen_case(self):
        if "case" in self.fields:
            return self.cases.get(self.cleaned_data.get("case"))
        return next(iter(self.cases.values()), None)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=limit_of(Document, "withdrawn_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The file is deleted; who uploaded and withdrew it stays in the history."),
    )
