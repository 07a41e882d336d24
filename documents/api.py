"""API of the documents app: a person's documents as metadata (list, read) and the file itself
(``/documents/<id>/download/``), every read and download audited like the pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from audit.log import record
from audit.models import Action
from documents.models import Document
from documents.views import attachment
from hearth.api import ReadOnlyAudited
from people.models import Person


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


class DocumentViewSet(ReadOnlyAudited):
    """Documents of persons within reach (``?person=<id>`` for one person's). A withdrawn
    document keeps its metadata; its file is gone."""

    queryset = Document.objects.all()
    serializer_class = DocumentSerializer

    def get_queryset(self):
        queryset = Document.objects.filter(
            person__in=Person.objects.visible_to(self.request.user)
        ).order_by("-id")
        person = self.request.query_params.get("person", "")
        if person.isdigit():
            queryset = queryset.filter(person_id=int(person))
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


def register(router) -> None:
    router.register("documents", DocumentViewSet, basename="document")
