"""A person's documents: the list, uploading, the audited download, withdrawing (R35), and the
person's acknowledgement of a document, signed on the worker's phone (issue 12 §8)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from audit.models import Action
from cases.models import Case
from documents.acknowledging import acknowledge
from documents.forms import AcknowledgementForm, UploadForm, WithdrawForm
from documents.models import Acknowledgement, Document, DocumentKind
from documents.storing import open_document, store_upload, withdraw
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.forms import add_errors
from people.access import get_person_for_user


def _cases(request: HttpRequest, person) -> list[Case]:
    return list(
        Case.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("program")
        .order_by("-opened_on")
    )


def document_list(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    acknowledgements = Acknowledgement.objects.defer("signature").select_related(
        "signed_copy", "recorded_by"
    )
    documents = list(
        Document.objects.filter(person=person)
        .select_related("uploaded_by", "withdrawn_by")
        .prefetch_related(Prefetch("acknowledgements", queryset=acknowledgements))
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "person": person,
            "documents": [d for d in documents if not d.is_withdrawn],
            "withdrawn": [d for d in documents if d.is_withdrawn],
            "form": UploadForm(cases=_cases(request, person)),
        },
    )


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    cases = _cases(request, person)
    form = UploadForm(request.POST or None, request.FILES or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        try:
            document = store_upload(
                form.cleaned_data["file"],
                person=person,
                case=form.chosen_case(),
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            record(request, "create", document, person_id=person.pk)
            messages.success(request, _("The document is kept."))
            return redirect("documents:list", person_id=person.pk)
    return render(
        request,
        "documents/upload.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )


def attachment(document: Document) -> FileResponse:
    """The file as a download that no browser will run or render in the page's origin."""
    try:
        handle = open_document(document)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def download(request: HttpRequest, person_id: int, document_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    document = get_object_or_404(Document.objects.kept(), pk=document_id, person=person)
    response = attachment(document)
    record(
        request,
        Action.DOWNLOAD,
        document,
        person_id=person.pk,
        detail={"sha256": document.sha256},
    )
    return response


@require_http_methods(["GET", "POST"])
def withdraw_view(request: HttpRequest, person_id: int, document_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    document = get_object_or_404(Document.objects.kept(), pk=document_id, person=person)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdraw(document, by=request.user, reason=form.cleaned_data["reason"])
        record(request, "delete", document, person_id=person.pk, detail={"withdrawn": True})
        messages.success(request, _("The document was withdrawn and its file deleted."))
        return redirect("documents:list", person_id=person.pk)
    return render(
        request,
        "documents/withdraw.html",
        {"person": person, "document": document, "form": form},
    )


@require_http_methods(["GET", "POST"])
def acknowledge_view(request: HttpRequest, person_id: int, document_id: int) -> HttpResponse:
    """The person acknowledges having received or read a document: they sign on the worker's
    phone (the signed copy is kept as their document), or the worker records how else."""
    person = get_person_for_user(request, person_id)
    document = get_object_or_404(
        Document.objects.kept().exclude(kind=DocumentKind.SIGNED_COPY),
        pk=document_id,
        person=person,
    )
    form = AcknowledgementForm(request.POST or None, initial={"version": document.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            acknowledgement = acknowledge(
                document,
                by=request.user,
                statement=data["statement"],
                given_on=data["given_on"],
                given_how=data["given_how"],
                witness=data["witness"],
                signature=data["signature"],
                expected_version=data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(request, "create", acknowledgement, person_id=person.pk)
            if acknowledgement.signed_copy is not None:
                record(request, "create", acknowledgement.signed_copy, person_id=person.pk)
            messages.success(request, _("The acknowledgement is recorded."))
            return redirect("documents:list", person_id=person.pk)
    return render(
        request,
        "documents/acknowledge.html",
        {"person": person, "document": document, "form": form},
        status=400 if form.errors else 200,
    )
