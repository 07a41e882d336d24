"""Test helpers of the documents app."""

from documents.models import Document, DocumentKind

PERSONAL_ARGUMENTS = {"document_id"}
PERSONAL_API_BASENAMES = {"document"}

# The smallest files of each kind the allow-list knows by their first bytes.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def make_document_row(person, *, by, case=None, kind: str = DocumentKind.LEASE) -> Document:
    """A document row without a file (the access walk never reaches its bytes)."""
    return Document.objects.create(
        person=person,
        case=case,
        kind=kind,
        title="Lease",
        stored_name=f"persons/{person.pk}/walk.pdf",
        size=len(PDF_BYTES),
        content_type="application/pdf",
        extension="pdf",
        sha256="0" * 64,
        uploaded_by=by,
    )


def walk_ids(case) -> dict:
    document = make_document_row(case.person, by=case.opened_by, case=case)
    return {"document_id": document.pk, "pk:document": document.pk}
