"""API endpoints of the tools app, registered on the /api/v1/ router by hearth/urls.py:
instruments (read), assessments, vulnerability factors and framework reviews."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from audit.log import record
from cases.models import Case
from hearth.api import ReadOnlyAudited, django_errors_to_api
from hearth.serializers import WithinReach
from programs.access import may_see_sensitive
from tools import definition as spec
from tools.assessments import take_assessment
from tools.models import Assessment, Factor, FrameworkReview, Instrument


def _may_see_sensitive(context: dict, case: Case) -> bool:
    """The sensitive-answers rule for a case, asked once per case and request."""
    cache = context.setdefault("sensitive_by_case", {})
    if case.pk not in cache:
        cache[case.pk] = may_see_sensitive(context["request"].user, case)
    return cache[case.pk]


# Instruments --------------------------------------------------------------------------------


class InstrumentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = ["id", "key", "name", "builtin", "program", "is_active", "current_version"]

    def get_current_version(self, instrument) -> dict | None:
        version = instrument.current
        if version is None:
            return None
        return {"number": version.number, "definition": version.definition}


class InstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Hearth's built-in instruments and those of the programs you can see. Definitions are
    stored as written (built-in ones in English); see tools/definition.py for the format."""

    permission_classes = [IsAuthenticated]
    serializer_class = InstrumentSerializer
    queryset = Instrument.objects.all()

    def get_queryset(self):
        return (
            Instrument.objects.visible_to(self.request.user)
            .with_current_version()
            .order_by("-builtin", "name", "id")
        )


# Assessments --------------------------------------------------------------------------------


class AssessmentSerializer(serializers.ModelSerializer):
    """Read: answers and scores, without the sensitive domains (mental health, substance use)
    for roles the program does not allow; ``hidden_domains`` says which were left out.
    Write: case, instrument (its current version is used), taken_on, contact, answers."""

    case = WithinReach(Case, message=_("Unknown case."))

    instrument = serializers.PrimaryKeyRelatedField(queryset=Instrument.objects.all())
    version = serializers.IntegerField(source="instrument_version.number", read_only=True)
    # An object of item key → answer; the instrument's definition checks the answers.
    answers = serializers.DictField(required=False)
    hidden_domains = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "case",
            "instrument",
            "version",
            "contact",
            "taken_on",
            "answers",
            "scores",
            "is_baseline",
            "recorded_by",
            "hidden_domains",
        ]
        read_only_fields = ["scores", "is_baseline", "recorded_by"]

    def _hidden(self, assessment) -> list[dict]:
        if _may_see_sensitive(self.context, assessment.case):
            return []
        return [
            d
            for d in spec.domains_of(assessment.instrument_version.definition)
            if spec.is_sensitive(d)
        ]

    def get_hidden_domains(self, assessment) -> list[str]:
        return [d["key"] for d in self._hidden(assessment)]

    def to_representation(self, assessment):
        data = super().to_representation(assessment)
        for domain in self._hidden(assessment):
            data["scores"].pop(domain["key"], None)
            for item in domain["items"]:
                data["answers"].pop(item["key"], None)
        return data

    def validate(self, data):
        case, instrument = data["case"], data["instrument"]
        if (
            not (instrument.is_active and instrument.program_id in (None, case.program_id))
            or instrument.current is None
        ):
            raise serializers.ValidationError({"instrument": "Not offered to this case's program."})
        contact = data.get("contact")
        if contact is not None and contact.case_id != case.pk:
            raise serializers.ValidationError({"contact": "This visit belongs to another case."})
        return data

    def create(self, validated_data):
        try:
            return take_assessment(
                case=validated_data["case"],
                version=validated_data["instrument"].current,
                answers=validated_data.get("answers") or {},
                taken_on=validated_data.get("taken_on") or timezone.localdate(),
                contact=validated_data.get("contact"),
                by=self.context["request"].user,
            )
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc


class _CaseRecords(mixins.CreateModelMixin, ReadOnlyAudited):
    """List, read and create the records of cases within reach. Creation is audited, and so
    is every read, marked sensitive when mental-health or substance-use details are in it."""

    def _person_id(self, obj):
        return obj.case.person_id

    def perform_create(self, serializer):
        obj = serializer.save(**self.author)
        record(self.request, "create", obj, person_id=obj.case.person_id)

    @property
    def author(self) -> dict:
        return {}

    def shows_sensitive(self, objects, context) -> bool:
        return False

    def _detail(self, objects, context) -> dict | None:
        return {"sensitive": True} if self.shows_sensitive(objects, context) else None

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context()
        data = self.get_serializer_class()(page, many=True, context=context).data
        if page:
            record(
                request,
                "list",
                object_type=self.queryset.model._meta.label,
                person_ids=[obj.case.person_id for obj in page],
                detail=self._detail(page, context),
            )
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        context = self.get_serializer_context()
        data = self.get_serializer_class()(obj, context=context).data
        record(
            request,
            "view",
            obj,
            person_id=obj.case.person_id,
            detail=self._detail([obj], context),
        )
        return Response(data)


class AssessmentViewSet(_CaseRecords):
    """Assessments taken with an instrument (R28)."""

    queryset = Assessment.objects.all()
    serializer_class = AssessmentSerializer

    def get_queryset(self):
        return (
            Assessment.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case__program", "instrument_version")
            .order_by("-taken_on", "-id")
        )

    def shows_sensitive(self, objects, context) -> bool:
        return any(
            _may_see_sensitive(context, a.case)
            and any(spec.is_sensitive(d) for d in spec.domains_of(a.instrument_version.definition))
            for a in objects
        )


# The vulnerability framework ----------------------------------------------------------------


class FactorSerializer(serializers.ModelSerializer):
    """A factor of a mental-health or substance-use area is shown to roles the program does
    not allow with its area and kind only (``details_hidden``)."""

    case = WithinReach(Case, message=_("Unknown case."))

    label = serializers.CharField(read_only=True)
    details_hidden = serializers.SerializerMethodField()

    class Meta:
        model = Factor
        fields = [
            "id",
            "case",
            "area",
            "kind",
            "catalogue_entry",
            "text",
            "label",
            "strength",
            "evidence",
            "noted_on",
            "ended_on",
            "recorded_by",
            "version",
            "details_hidden",
        ]
        read_only_fields = ["recorded_by", "version"]

    def _hidden(self, factor) -> bool:
        return factor.is_sensitive and not _may_see_sensitive(self.context, factor.case)

    def get_details_hidden(self, factor) -> bool:
        return self._hidden(factor)

    def to_representation(self, factor):
        data = super().to_representation(factor)
        if self._hidden(factor):
            keep = {"id", "case", "area", "kind", "details_hidden"}
            data = {k: v for k, v in data.items() if k in keep}
        return data

    def validate(self, data):
        factor = Factor(**data, recorded_by=self.context["request"].user)
        if factor.is_sensitive and not _may_see_sensitive(self.context, data["case"]):
            raise serializers.ValidationError(
                {"area": "Only the roles the program allows record this area."}
            )
        try:
            factor.full_clean(exclude=["recorded_by"])
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        return data


class FactorViewSet(_CaseRecords):
    """Risk and protection factors of the vulnerability framework (R11). ``?current=1`` for
    those that apply today."""

    queryset = Factor.objects.all()
    serializer_class = FactorSerializer

    @property
    def author(self) -> dict:
        return {"recorded_by": self.request.user}

    def shows_sensitive(self, objects, context) -> bool:
        return any(f.is_sensitive and _may_see_sensitive(context, f.case) for f in objects)

    def get_queryset(self):
        queryset = (
            Factor.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case__program", "catalogue_entry")
            .order_by("case_id", "area", "kind", "id")
        )
        if self.request.query_params.get("current"):
            queryset = queryset.current()
        return queryset


class FrameworkReviewSerializer(serializers.ModelSerializer):
    case = WithinReach(Case, message=_("Unknown case."))

    class Meta:
        model = FrameworkReview
        fields = ["id", "case", "reviewed_on", "reviewed_by", "note", "recorded_at"]
        read_only_fields = ["reviewed_by", "recorded_at"]


class FrameworkReviewViewSet(_CaseRecords):
    """Dated reviews of the whole framework; "what changed" is measured from the last one."""

    queryset = FrameworkReview.objects.all()
    serializer_class = FrameworkReviewSerializer

    @property
    def author(self) -> dict:
        return {"reviewed_by": self.request.user}

    def get_queryset(self):
        return (
            FrameworkReview.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case")
            .order_by("-reviewed_on", "-id")
        )


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("instruments", InstrumentViewSet, basename="instrument")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("factors", FactorViewSet, basename="factor")
    router.register("framework-reviews", FrameworkReviewViewSet, basename="frameworkreview")
