"""The documents' section of the person page: the person's papers and the upload form."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from documents.forms import UploadForm
from documents.models import Document

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Documents")


def person_section(request: HttpRequest, person, cases) -> dict:
    """One query, however many documents. Part of the person page, whose opening is already
    in the audit trail."""
    return {
        "person": person,
        "documents": list(Document.objects.for_person_section(person)),
        "form": UploadForm(cases=[c for c in cases if c.is_open] or cases),
    }
