"""API of the documents app: a person's documents as metadata (list, read), uploading one
(multipart ``POST /documents/``), the file itself (``/documents/<id>/download/``) and withdrawing
it (``/documents/<id>/withdraw/``): the same checks as the pages (the bytes decide the type, the
size limit, nothing kept when refused), every read, upload, download and withdrawal audited."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from audit.log import record
from audit.models import Action
from cases.models import Case
from documents.models import Document, DocumentKind
from documents.storing import store_upload, withdraw
from documents.views import attachment
from hearth.api import ReadOnlyAudited, query_integer
from hearth.serializers import WithinReach
from hearth.validators import limit_of
from people.models import Person

# store_upload's error codes → the field a client should show the message beside.
_FIELD_OF_CODE = {"case": "case", "title": "title", "kind": "kind"}


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "person",
            "case",
            "kind",
            "title",
            "size",
            "content_type",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "withdrawn_at",
            "withdrawn_reason",
        ]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    """A new document: the person (and, when they have several, the case) it is about."""

    person = WithinReach(Person, message=_("No person with this id is within your reach."))
    case = serializers.IntegerField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=200)
    file = serializers.FileField(help_text=_("A PDF, or a JPEG, PNG, WEBP or HEIC photo."))

    def validate(self, data: dict) -> dict:
        case_id = data.get("case")
        if case_id is not None:
            case = (
                Case.objects.visible_to(self.context["request"].user)
                .filter(pk=case_id, person=data["person"])
                .first()
            )
            if case is None:
                raise APIValidationError({"case": [_("The case is not this person's.")]})
            data["case"] = case
        return data


class DocumentWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limit_of(Document, "withdrawn_reason"),
    )


class DocumentViewSet(mixins.CreateModelMixin, ReadOnlyAudited):
    """Documents of persons within reach (``?person=<id>`` for one person's). A withdrawn
    document keeps its metadata; its file is gone."""

    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    id_filters = {"person": "Only this person's documents."}
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_serializer_class(self):
        if self.action == "create":
            return UploadSerializer
        if self.action == "withdraw":
            return DocumentWithdrawSerializer
        return DocumentSerializer

    @extend_schema(request=UploadSerializer, responses={201: DocumentSerializer})
    def create(self, request, *args, **kwargs):
        """Upload a document (multipart/form-data). Refused, with nothing kept, when the file is
        too large, empty or not a PDF or photo by its bytes."""
        upload = UploadSerializer(data=request.data, context={"request": request})
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        try:
            document = store_upload(
                data["file"],
                person=data["person"],
                case=data.get("case"),
                kind=data["kind"],
                title=data["title"],
                by=request.user,
            )
        except ValidationError as exc:
            raise APIValidationError(
                {_FIELD_OF_CODE.get(exc.code, "file"): [str(m) for m in exc.messages]}
            ) from exc
        record(request, "create", document, person_id=document.person_id)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        queryset = Document.objects.filter(
            person__in=Person.objects.visible_to(self.request.user)
        ).order_by("-id")
        person = query_integer(self.request, "person")
        if person is not None:
            queryset = queryset.filter(person_id=person)
        return queryset

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None, **kwargs):
        """The file, as an attachment; the download is recorded in the audit trail."""
        document = self.get_object()
        response = attachment(document)
        record(
            request,
            Action.DOWNLOAD,
            document,
            person_id=document.person_id,
            detail={"sha256": document.sha256},
        )
        return response

    @extend_schema(request=DocumentWithdrawSerializer, responses={200: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        """Withdraw a document: its file is deleted; the metadata, who uploaded and withdrew it
        and the audit trail stay."""
        document = self.get_object()
        reason = DocumentWithdrawSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        if document.is_withdrawn:
            raise APIValidationError(
                {"non_field_errors": [_("This document is already withdrawn.")]}
            )
        withdraw(document, by=request.user, reason=reason.validated_data["reason"])
        record(
            request, "delete", document, person_id=document.person_id, detail={"withdrawn": True}
        )
        return Response(DocumentSerializer(document).data)


def register(router) -> None:
    router.register("documents", DocumentViewSet, basename="document")
