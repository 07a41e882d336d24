from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import AcknowledgementStatement, Document, DocumentKind
from hearth.forms import DateInput, add_errors
from hearth.signatures import OTHER_WAYS, SignatureField, given_way
from hearth.validators import limit_of


class UploadForm(forms.Form):
    """Upload a document about a person; the file itself is checked by ``store_upload``."""

    # A signed copy is made by Hearth when the person signs on the screen, never uploaded.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(v, label) for v, label in DocumentKind.choices if v != DocumentKind.SIGNED_COPY],
    )
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


class AcknowledgementForm(forms.Form):
    """The person acknowledges a document: signed on the worker's phone, or — without a
    signature on the screen — on paper or aloud before a witness."""

    statement = forms.ChoiceField(
        label=_("What the person acknowledges"),
        choices=AcknowledgementStatement.choices,
        widget=forms.RadioSelect,
        initial=AcknowledgementStatement.RECEIVED,
    )
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    signature = SignatureField(instead_of="given_how")
    given_how = forms.ChoiceField(
        label=_("Or, without a signature on the screen"),
        choices=OTHER_WAYS,
        required=False,
        widget=forms.RadioSelect,
    )
    witness = forms.CharField(
        label=_("Witness"),
        required=False,
        max_length=200,
        help_text=_("For a spoken agreement: who else heard the person agree."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if "signature" in self.errors:
            return data
        try:
            data["given_how"] = given_way(
                way=data.get("given_how", ""),
                signature=data.get("signature", ""),
                witness=data.get("witness", ""),
            )
        except forms.ValidationError as exc:
            add_errors(self, exc)
        return data
