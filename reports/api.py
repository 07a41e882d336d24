from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.log import record
from cases.models import Case
from hearth.api import (
    ReadOnlyAudited,
    ReadVersionField,
    django_errors_to_api,
    with_etag,
)
from hearth.validators import limit_of
from reports.models import Addendum, Report
from reports.workflow import add_addendum, save_draft, sign


class ReportSerializer(serializers.ModelSerializer):
    template = serializers.SerializerMethodField()
    addenda = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "contact",
            "template",
            "answers",
            "status",
            "author",
            "signed_by",
            "signed_at",
            "version",
            "addenda",
        ]

    def get_template(self, report) -> dict:
        version = report.template_version
        return {
            "name": version.template.name,
            "version": version.number,
            "definition": version.definition,
        }

    def get_addenda(self, report) -> list[dict]:
        return [
            {"text": a.text, "by": a.written_by_id, "at": a.written_at}
            for a in report.addenda.all()
        ]


class AnswersSerializer(serializers.Serializer):
    version = ReadVersionField(help_text="The report version you read (or If-Match).")
    answers = serializers.DictField()


class AddendumSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=limit_of(Addendum, "text"))


class ReportViewSet(ReadOnlyAudited):
    """Visit reports: save a draft, sign it once, then only add addenda."""

    queryset = Report.objects.all()
    serializer_class = ReportSerializer

    def get_queryset(self):
        return (
            Report.objects.filter(contact__case__in=Case.objects.visible_to(self.request.user))
            .select_related("template_version__template", "contact__case")
            .prefetch_related("addenda")
            .order_by("-id")
        )

    def _person_id(self, obj):
        return obj.contact.case.person_id

    def _answers(self, request, run):
        report = self.get_object()
        data = AnswersSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        fields = {f["key"] for f in report.template_version.fields}
        unknown = set(data.validated_data["answers"]) - fields
        if unknown:
            raise serializers.ValidationError({"answers": f"Unknown fields: {sorted(unknown)}"})
        try:
            run(report, data.validated_data)
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(request, "change", report, person_id=report.contact.case.person_id)
        report.refresh_from_db()
        return with_etag(Response(ReportSerializer(report).data), report)

    @extend_schema(request=AnswersSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def draft(self, request, pk=None, **kwargs):
        return self._answers(
            request,
            lambda report, d: save_draft(
                report, answers=d["answers"], expected_version=d["version"]
            ),
        )

    @extend_schema(request=AnswersSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None, **kwargs):
        return self._answers(
            request,
            lambda report, d: sign(
                report, answers=d["answers"], by=request.user, expected_version=d["version"]
            ),
        )

    @extend_schema(request=AddendumSerializer, responses={201: ReportSerializer})
    @action(detail=True, methods=["post"])
    def addenda(self, request, pk=None, **kwargs):
        report = self.get_object()
        data = AddendumSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            addendum = add_addendum(report, text=data.validated_data["text"], by=request.user)
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(request, "create", addendum, person_id=report.contact.case.person_id)
        fresh = self.get_queryset().get(pk=report.pk)  # with its new addendum
        return Response(ReportSerializer(fresh).data, status=201)


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("reports", ReportViewSet, basename="report")
