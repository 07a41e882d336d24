"""A person's documents (issue 5 §9, R35): private storage, content checked by its bytes,
audited downloads, reach."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from documents.acknowledging import acknowledge, acknowledgement_text
from documents.checks import private_storage_is_private
from documents.models import Acknowledgement, AcknowledgementStatement, Document, DocumentKind
from documents.sections import person_section
from documents.storing import private_storage, store_upload, withdraw
from documents.testing import EXE_BYTES, PDF_BYTES, PNG_BYTES
from hearth.concurrency import StaleEdit
from hearth.signatures import AgreementWay
from hearth.testing import TINY_PNG

pytestmark = pytest.mark.django_db

DOCUMENT_SECTION_QUERIES = 1


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    """Every test keeps its files in its own folder, never in the repository."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024
    return root


def upload(name: str = "lease.pdf", content: bytes = PDF_BYTES, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, **kwargs)


def stored(world, **kwargs) -> Document:
    fields = {"kind": DocumentKind.LEASE, "title": "Lease", "by": world.alice}
    return store_upload(upload(), person=world.p_icm, **(fields | kwargs))


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# Storing


def test_a_pdf_is_kept_with_its_detected_type_size_and_checksum(world, private_root):
    document = stored(world)
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF_BYTES)
    assert len(document.sha256) == 64
    assert [p.read_bytes() for p in files_under(private_root)] == [PDF_BYTES]


def test_the_type_comes_from_the_bytes_not_the_name(world):
    document = store_upload(
        upload("scan.pdf", PNG_BYTES),
        person=world.p_icm,
        kind="other",
        title="Scan",
        by=world.alice,
    )
    assert document.content_type == "image/png"
    assert document.download_name == "Scan.png"


def test_a_program_renamed_pdf_is_refused_and_nothing_is_kept(world, private_root):
    """R35: an .exe renamed .pdf is refused by its content."""
    with pytest.raises(ValidationError) as refused:
        store_upload(
            upload("lease.pdf", EXE_BYTES, content_type="application/pdf"),
            person=world.p_icm,
            kind="lease",
            title="Lease",
            by=world.alice,
        )
    assert "cannot be kept" in refused.value.messages[0]
    assert not Document.objects.exists()
    assert files_under(private_root) == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_kept(world, private_root):
    with pytest.raises(ValidationError) as refused:
        store_upload(
            upload(content=PDF_BYTES + b" " * 2000),
            person=world.p_icm,
            kind="lease",
            title="Lease",
            by=world.alice,
        )
    assert "too large" in refused.value.messages[0]
    assert not Document.objects.exists()
    assert files_under(private_root) == []


def test_the_file_is_deleted_when_its_row_cannot_be_saved(world, private_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Document.objects, "create", broken)
    with pytest.raises(RuntimeError):
        stored(world)
    assert files_under(private_root) == []


def test_refusal_messages_are_translated(world):
    from django.utils import translation

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        store_upload(upload(content=b""), person=world.p_icm, kind="x", title="T", by=world.alice)
    assert refused.value.messages  # marked for translation; the catalogue follows


def test_a_case_of_another_person_is_refused(world):
    case = world.p_act.cases.get()
    with pytest.raises(ValidationError):
        stored(world, case=case)


def test_private_files_are_never_under_static_or_media_roots(world, private_root):
    document = stored(world)
    path = Path(private_storage().path(document.stored_name)).resolve()
    for root in (django_settings.STATIC_ROOT, django_settings.MEDIA_ROOT):
        if root:
            assert Path(root).resolve() not in path.parents
    assert private_root.resolve() in path.parents


def test_tests_never_write_private_files_into_the_checkout():
    """Even a test that keeps the default storage (the demo loaded by other apps' tests)
    writes to a temporary folder, outside the repository, STATIC_ROOT and MEDIA_ROOT."""
    root = django_settings.HEARTH_PRIVATE_MEDIA_ROOT
    assert Path(django_settings.BASE_DIR).resolve() not in root.parents
    assert private_storage_is_private() == []


def test_the_system_check_refuses_a_private_root_inside_static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "x", "OPTIONS": {"location": tmp_path / "private"}},
    }
    assert [e.id for e in private_storage_is_private()] == ["documents.E002"]


# Pages


def test_a_worker_uploads_a_document_from_the_person_page(client, world, private_root):
    client.force_login(world.alice)
    response = client.post(
        reverse("documents:upload", args=[world.p_icm.pk]),
        {"kind": "id_papers", "title": "Health card", "file": upload("card.png", PNG_BYTES)},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.person, document.uploaded_by, document.kind) == (
        world.p_icm,
        world.alice,
        "id_papers",
    )
    assert AuditEvent.objects.filter(action="create", object_id=str(document.pk)).exists()


def test_a_refused_upload_shows_the_reason_beside_the_file(client, world, private_root):
    client.force_login(world.alice)
    response = client.post(
        reverse("documents:upload", args=[world.p_icm.pk]),
        {"kind": "lease", "title": "Lease", "file": upload("lease.pdf", EXE_BYTES)},
    )
    assert response.status_code == 400
    assert "cannot be kept" in response.content.decode()
    assert not Document.objects.exists() and files_under(private_root) == []


def test_a_download_is_an_audited_attachment_that_cannot_run(client, world):
    """R35: every download of a person's document is in the audit trail."""
    document = stored(world)
    client.force_login(world.tina)
    response = client.get(reverse("documents:download", args=[world.p_icm.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith('attachment; filename="Lease.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    event = AuditEvent.objects.get(action=Action.DOWNLOAD, object_id=str(document.pk))
    assert (event.user, event.person_id) == (world.tina, world.p_icm.pk)


def test_a_hostile_title_gives_a_safe_file_name(world):
    document = stored(world, title='../../etc/passwd"; x=<script>')
    name = document.download_name
    assert name.endswith(".pdf") and name.startswith("etc-passwd")
    assert not set(name) & set('/\\"<>')


@pytest.mark.parametrize("actor", ["bob", "oscar", "psychiatrist"])
def test_a_person_outside_reach_gets_404_for_a_download(client, world, actor):
    document = stored(world)
    client.force_login(getattr(world, actor))
    response = client.get(reverse("documents:download", args=[world.p_icm.pk, document.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()


def test_a_document_cannot_be_reached_through_another_persons_url(client, world):
    document = stored(world)
    client.force_login(world.pam)  # reaches both ICM persons
    url = reverse("documents:download", args=[world.p_icm_b.pk, document.pk])
    assert client.get(url).status_code == 404


def test_withdrawing_deletes_the_file_and_keeps_the_trail(
    client, world, private_root, django_capture_on_commit_callbacks
):
    document = stored(world)
    client.force_login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:withdraw", args=[world.p_icm.pk, document.pk]),
            {"reason": "Asked by the person"},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_withdrawn and document.withdrawn_by == world.alice
    assert files_under(private_root) == []
    assert document.history.count() == 2
    assert AuditEvent.objects.filter(action="delete", object_id=str(document.pk)).exists()
    url = reverse("documents:download", args=[world.p_icm.pk, document.pk])
    assert client.get(url).status_code == 404


def test_the_list_page_shows_kept_and_withdrawn_documents(client, world):
    kept = stored(world, title="Lease 2026")
    gone = stored(world, title="Old lease")
    withdraw(gone, by=world.alice, reason="Expired")
    client.force_login(world.alice)
    body = client.get(reverse("documents:list", args=[world.p_icm.pk])).content.decode()
    assert kept.title in body and "Expired" in body


# The person page section


def test_the_person_section_lists_documents_in_one_query(world, django_assert_num_queries):
    for n in range(5):
        stored(world, title=f"Paper {n}")
    request = RequestFactory().get("/")
    request.user = world.alice
    with django_assert_num_queries(DOCUMENT_SECTION_QUERIES):
        context = person_section(request, world.p_icm, [])
    assert len(context["documents"]) == 5


def test_the_person_page_shows_the_documents_section(client, world):
    stored(world, title="Signed lease")
    client.force_login(world.alice)
    body = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "Signed lease" in body
    assert reverse("documents:upload", args=[world.p_icm.pk]) in body


# API


def test_the_api_lists_metadata_within_reach_only(client, world):
    stored(world)
    store_upload(upload(), person=world.p_act, kind="lease", title="ACT lease", by=world.bob)
    client.force_login(world.alice)
    results = client.get(reverse("document-list")).json()["results"]
    assert [r["person"] for r in results] == [world.p_icm.pk]
    assert "stored_name" not in results[0]


def test_an_api_download_is_audited(client, world):
    document = stored(world)
    client.force_login(world.alice)
    response = client.get(reverse("document-download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox"
    event = AuditEvent.objects.get(action=Action.DOWNLOAD)
    assert event.channel == "api"


def test_an_api_download_outside_reach_is_404(client, world):
    document = stored(world)
    client.force_login(world.oscar)
    assert client.get(reverse("document-download", args=[document.pk])).status_code == 404


def _api_upload(client, world, **fields):
    data = {
        "person": world.p_icm.pk,
        "kind": DocumentKind.LEASE,
        "title": "Lease, 12 Elm St.",
        "file": upload(),
    } | fields
    return client.post(reverse("document-list"), data)  # multipart, as a phone app sends it


def test_a_document_is_uploaded_through_the_api_checked_stored_and_audited(
    client, world, private_root
):
    client.force_login(world.alice)
    response = _api_upload(client, world)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "application/pdf" and body["title"] == "Lease, 12 Elm St."
    document = Document.objects.get(pk=body["id"])
    assert document.uploaded_by == world.alice
    assert len(files_under(private_root)) == 1
    event = AuditEvent.objects.get(action="create", object_type="documents.Document")
    assert (event.channel, event.person_id) == ("api", world.p_icm.pk)


def test_an_api_upload_that_is_not_a_pdf_or_photo_is_refused_and_nothing_is_kept(
    client, world, private_root
):
    client.force_login(world.alice)
    response = _api_upload(client, world, file=upload("lease.pdf", EXE_BYTES))
    assert response.status_code == 400
    assert "cannot be kept" in response.json()["file"][0]
    too_large = _api_upload(client, world, file=upload("big.pdf", PDF_BYTES + b"0" * 2048))
    assert too_large.status_code == 400 and "too large" in too_large.json()["file"][0]
    assert not Document.objects.exists()
    assert files_under(private_root) == []


def test_a_signed_copy_cannot_be_uploaded_through_either_door(client, world, private_root):
    client.force_login(world.alice)
    response = _api_upload(client, world, kind=DocumentKind.SIGNED_COPY)
    assert response.status_code == 400 and "signs on the screen" in response.json()["kind"][0]
    page = client.post(
        reverse("documents:upload", args=[world.p_icm.pk]),
        {"kind": DocumentKind.SIGNED_COPY, "title": "Consent", "file": upload()},
    )
    assert page.status_code == 400
    assert not Document.objects.exists()
    assert files_under(private_root) == []


def test_an_api_upload_about_a_person_out_of_reach_is_refused(client, world, private_root):
    client.force_login(world.oscar)
    response = _api_upload(client, world)
    assert response.status_code == 400
    assert "person" in response.json()
    assert not Document.objects.exists() and files_under(private_root) == []


def test_an_api_upload_names_a_case_of_that_person_only(client, world, private_root):
    client.force_login(world.alice)
    other_case = world.p_icm_b.cases.get()
    response = _api_upload(client, world, case=other_case.pk)
    assert response.status_code == 400 and "case" in response.json()
    own_case = world.p_icm.cases.get()
    assert _api_upload(client, world, case=own_case.pk).json()["case"] == own_case.pk


def test_a_document_is_withdrawn_through_the_api_and_its_file_deleted(
    client, world, private_root, django_capture_on_commit_callbacks
):
    document = stored(world)
    client.force_login(world.alice)
    url = reverse("document-withdraw", args=[document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Uploaded twice"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["withdrawn_reason"] == "Uploaded twice"
    assert files_under(private_root) == []
    assert client.post(url, {}, content_type="application/json").status_code == 400
    client.force_login(world.oscar)
    assert client.post(url, {}).status_code == 404


# Acknowledgements signed on the worker's phone (issue 12 §8)


def _sheet(world) -> Document:
    return stored(world, kind=DocumentKind.RIGHTS_INFO, title="Your rights in the program")


@pytest.fixture
def room_for_signed_copies(settings):
    """A signed copy (a PDF with the drawn signature) is larger than the tiny upload limit the
    tests above set."""
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024 * 1024


def _acknowledge(world, document, **overrides):
    fields = {
        "by": world.alice,
        "statement": AcknowledgementStatement.RECEIVED,
        "given_on": timezone.localdate(),
        "expected_version": document.version,
    } | overrides
    return acknowledge(document, **fields)


def test_an_acknowledgement_signed_on_the_phone_keeps_its_signed_copy_as_a_private_document(
    world, private_root, room_for_signed_copies
):
    sheet = _sheet(world)
    acknowledgement = _acknowledge(world, sheet, signature=TINY_PNG)
    assert acknowledgement.given_how == AgreementWay.SIGNED_SCREEN
    copy = acknowledgement.signed_copy
    assert copy.kind == DocumentKind.SIGNED_COPY and copy.content_type == "application/pdf"
    assert copy.person == world.p_icm and copy.case == sheet.case
    with private_storage().open(copy.stored_name, "rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf  # the drawn signature
    assert len(files_under(private_root)) == 2  # the sheet and its signed copy


def test_the_acknowledgement_holds_the_documents_title_and_kind(world, room_for_signed_copies):
    acknowledgement = _acknowledge(world, _sheet(world), signature=TINY_PNG)
    text = acknowledgement_text(acknowledgement)
    facts = dict(text.facts)
    assert facts["Document"] == "Your rights in the program"
    assert facts["Kind"] == "Information on the person's rights"
    assert facts["Person"] == world.p_icm.display_name
    assert text.statement == "I have received this document."


def test_without_a_signature_an_acknowledgement_cannot_claim_the_screen(world, private_root):
    sheet = _sheet(world)
    with pytest.raises(ValidationError) as refused:
        _acknowledge(world, sheet, given_how=AgreementWay.SIGNED_SCREEN)
    assert "signature" in refused.value.message_dict
    assert not Acknowledgement.objects.exists()
    paper = _acknowledge(world, sheet, given_how=AgreementWay.SIGNED_PAPER)
    assert paper.signed_copy is None and paper.signature == ""


def test_the_database_keeps_signed_on_the_screen_a_fact(world):
    sheet = _sheet(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(
            document=sheet,
            person=world.p_icm,
            statement=AcknowledgementStatement.READ,
            given_how=AgreementWay.SIGNED_SCREEN,
            signature=TINY_PNG,  # without its signed copy
            recorded_by=world.alice,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(
            document=sheet,
            person=world.p_icm,
            statement=AcknowledgementStatement.READ,
            given_how=AgreementWay.SIGNED_PAPER,
            signature=TINY_PNG,  # a signature, yet "on paper"
            recorded_by=world.alice,
        )


def test_a_signature_on_the_screen_is_given_today(world, private_root):
    with pytest.raises(ValidationError) as refused:
        _acknowledge(
            world,
            _sheet(world),
            signature=TINY_PNG,
            given_on=timezone.localdate() - timedelta(days=3),
        )
    assert "given_on" in refused.value.message_dict
    assert len(files_under(private_root)) == 1


def test_nothing_is_kept_when_the_signed_copy_cannot_be_made(world, private_root, monkeypatch):
    sheet = _sheet(world)

    def broken(*args, **kwargs):
        raise RuntimeError("no PDF today")

    monkeypatch.setattr("documents.signed.signed_copy_pdf", broken)
    with pytest.raises(RuntimeError):
        _acknowledge(world, sheet, signature=TINY_PNG)
    assert not Acknowledgement.objects.exists()
    assert list(Document.objects.all()) == [sheet]
    assert len(files_under(private_root)) == 1


def test_nothing_is_kept_when_the_acknowledgement_cannot_be_saved_with_its_copy(
    world, private_root, room_for_signed_copies, monkeypatch
):
    sheet = _sheet(world)

    def broken(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Acknowledgement, "save", broken)
    with pytest.raises(RuntimeError):
        _acknowledge(world, sheet, signature=TINY_PNG)
    assert list(Document.objects.all()) == [sheet]  # no signed copy left without its record
    assert len(files_under(private_root)) == 1


def test_a_withdrawn_or_changed_document_is_not_acknowledged(world, private_root):
    sheet = _sheet(world)
    opened_version = sheet.version
    withdraw(sheet, by=world.alice, reason="Wrong person")
    files = files_under(private_root)
    with pytest.raises(StaleEdit):
        _acknowledge(world, sheet, signature=TINY_PNG, expected_version=opened_version)
    with pytest.raises(ValidationError):
        _acknowledge(world, sheet, given_how=AgreementWay.SIGNED_PAPER)
    assert not Acknowledgement.objects.exists()
    assert files_under(private_root) == files  # no signed copy made


def test_the_acknowledgement_page_offers_the_pad_not_signed_on_the_screen(client, world):
    sheet = _sheet(world)
    client.force_login(world.alice)
    page = client.get(reverse("documents:acknowledge", args=[world.p_icm.pk, sheet.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "data-signature-pad" in body
    assert 'value="signed_screen"' not in body
    assert 'value="signed_paper"' in body and 'value="aloud_witnessed"' in body
    assert "<script>" not in body and "style=" not in body


def test_the_page_refuses_signed_on_the_screen_without_a_signature(client, world):
    sheet = _sheet(world)
    client.force_login(world.alice)
    url = reverse("documents:acknowledge", args=[world.p_icm.pk, sheet.pk])
    response = client.post(
        url,
        {
            "statement": "received",
            "given_on": timezone.localdate().isoformat(),
            "given_how": "signed_screen",
            "signature": "",
            "version": sheet.version,
        },
    )
    assert response.status_code == 400
    assert not Acknowledgement.objects.exists()


def test_the_person_acknowledges_through_the_page_and_it_is_audited(
    client, world, room_for_signed_copies
):
    sheet = _sheet(world)
    client.force_login(world.alice)
    url = reverse("documents:acknowledge", args=[world.p_icm.pk, sheet.pk])
    response = client.post(
        url,
        {
            "statement": "read",
            "given_on": timezone.localdate().isoformat(),
            "signature": TINY_PNG,
            "version": sheet.version,
        },
    )
    assert response.status_code == 302
    acknowledgement = Acknowledgement.objects.get()
    assert acknowledgement.given_how == AgreementWay.SIGNED_SCREEN
    assert AuditEvent.objects.filter(
        action="create", object_type="documents.Acknowledgement", person_id=world.p_icm.pk
    ).exists()
    assert AuditEvent.objects.filter(
        action="create",
        object_type="documents.Document",
        object_id=str(acknowledgement.signed_copy_id),
    ).exists()
    listing = client.get(reverse("documents:list", args=[world.p_icm.pk])).content.decode()
    download = reverse("documents:download", args=[world.p_icm.pk, acknowledgement.signed_copy_id])
    assert download in listing
    pdf = client.get(download)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("actor", ["bob", "oscar", "psychiatrist"])
def test_a_signed_copy_is_out_of_reach_as_every_document(
    client, world, actor, room_for_signed_copies
):
    copy = _acknowledge(world, _sheet(world), signature=TINY_PNG).signed_copy
    client.force_login(getattr(world, actor))
    response = client.get(reverse("documents:download", args=[world.p_icm.pk, copy.pk]))
    assert response.status_code == 404
    acknowledge_url = reverse("documents:acknowledge", args=[world.p_icm.pk, copy.pk])
    assert client.get(acknowledge_url).status_code == 404


def test_a_signed_copy_is_neither_uploaded_nor_acknowledged(client, world, room_for_signed_copies):
    copy = _acknowledge(world, _sheet(world), signature=TINY_PNG).signed_copy
    from documents.forms import UploadForm

    assert DocumentKind.SIGNED_COPY not in dict(UploadForm().fields["kind"].choices)
    client.force_login(world.alice)
    url = reverse("documents:acknowledge", args=[world.p_icm.pk, copy.pk])
    assert client.get(url).status_code == 404


def test_the_demo_acknowledges_a_rights_sheet_signed_on_the_screen(world, room_for_signed_copies):
    import random

    from documents import demo

    case = world.p_icm.cases.get()
    for _ in range(2):  # once per program
        demo.load(
            case, language="fr", today=timezone.localdate(), rnd=random.Random(3), by=world.alice
        )
    acknowledgement = Acknowledgement.objects.select_related("document", "signed_copy").get()
    assert acknowledgement.document.kind == DocumentKind.RIGHTS_INFO
    assert acknowledgement.document.title == "Vos droits dans le programme"
    assert acknowledgement.given_how == AgreementWay.SIGNED_SCREEN
    assert acknowledgement.signed_copy.kind == DocumentKind.SIGNED_COPY
