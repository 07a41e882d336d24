"""API endpoints of the plans app, registered on the /api/v1/ router by hearth/urls.py.

Plans are read with their goals and steps nested (``?case=`` finds a case's plan); goals and
steps are created and updated on their own routes — an update sends the version it read and
gets 409 if someone changed the record since. Versions are listed, frozen; the person's
agreement is recorded on a version once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.log import record
from cases.models import Case
from hearth.api import (
    ReadOnlyAudited,
    ReadVersionField,
    VersionedUpdateMixin,
    django_errors_to_api,
    query_integer,
    with_etag,
)
from hearth.concurrency import lock_current
from hearth.signatures import AgreementWay
from hearth.validators import limit_of
from plans.models import ActionStep, Goal, Plan, PlanVersion, check_factors
from plans.workflow import plan_for, record_agreement, save_version
from programs.access import may_see_sensitive
from tools.areas import SENSITIVE_AREAS, LifeArea
from tools.models import Factor


@extend_schema_field(OpenApiTypes.STR)
class AgreementWayField(serializers.ChoiceField):
    """How the person agreed. Documented as a plain string so the schema keeps one name for
    this choice set (the cases API's ``terms_agreed_how``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", "signed_screen, signed_paper or aloud_witnessed (empty: not agreed yet)."
        )
        super().__init__(choices=AgreementWay.choices, **kwargs)


def _visible_cases(request):
    return Case.objects.visible_to(request.user)


class StepSerializer(serializers.ModelSerializer):
    version = ReadVersionField(updates_only=True)

    class Meta:
        model = ActionStep
        fields = [
            "id",
            "goal",
            "description",
            "owner_kind",
            "owner_user",
            "partner_name",
            "status",
            "order",
            "version",
        ]

    def validate_goal(self, goal):
        request = self.context["request"]
        if not Goal.objects.filter(pk=goal.pk, plan__case__in=_visible_cases(request)).exists():
            raise serializers.ValidationError("Unknown goal.")
        if self.instance is not None and goal.pk != self.instance.goal_id:
            raise serializers.ValidationError("A step stays with its goal.")
        return goal

    def validate(self, data):
        step = ActionStep(
            **{
                f: data.get(f, getattr(self.instance, f, None) if self.instance else None)
                for f in ("goal", "owner_kind", "owner_user")
            },
            partner_name=data.get(
                "partner_name", self.instance.partner_name if self.instance else ""
            ),
        )
        try:
            step.clean()
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        data["owner_user"], data["partner_name"] = step.owner_user, step.partner_name
        return data


class FactorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Factor
        fields = ["id", "area", "kind"]


class GoalSerializer(serializers.ModelSerializer):
    steps = StepSerializer(many=True, read_only=True)
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.all(), write_only=True, required=False, help_text="On create."
    )
    barriers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Factor.objects.all(), required=False
    )
    strengths = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Factor.objects.all(), required=False
    )
    # "area", as the vulnerability framework's API names the life area.
    area = serializers.ChoiceField(source="life_area", choices=LifeArea.choices)
    version = ReadVersionField(updates_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "plan",
            "case",
            "own_words",
            "what_exactly",
            "how_we_will_know",
            "area",
            "time_frame",
            "barriers",
            "strengths",
            "status",
            "order",
            "steps",
            "version",
        ]
        read_only_fields = ["plan"]

    def validate_case(self, case):
        if not _visible_cases(self.context["request"]).filter(pk=case.pk).exists():
            raise serializers.ValidationError("Unknown case.")
        return case

    def validate(self, data):
        if self.instance is None and "case" not in data:
            raise serializers.ValidationError({"case": "Which case is the goal for?"})
        case = data.get("case") or self.instance.plan.case
        errors = check_factors(
            case.pk, barriers=data.get("barriers", []), strengths=data.get("strengths", [])
        )
        if errors:
            raise serializers.ValidationError({k: [str(v)] for k, v in errors.items()})
        if not may_see_sensitive(self.context["request"].user, case):
            # Sensitive areas (R35): who may not see them neither links nor unlinks them.
            for name in ("barriers", "strengths"):
                if name in data:
                    kept = (
                        [f for f in getattr(self.instance, name).all() if f.area in SENSITIVE_AREAS]
                        if self.instance
                        else []
                    )
                    data[name] = [f for f in data[name] if f.area not in SENSITIVE_AREAS] + kept
        return data

    def to_representation(self, goal):
        data = super().to_representation(goal)
        # Sensitive areas (R35): linked factors shown only to the roles the program allows.
        if not self.context.get("show_sensitive", True):
            for name in ("barriers", "strengths"):
                data[name] = [
                    f.pk for f in getattr(goal, name).all() if f.area not in SENSITIVE_AREAS
                ]
        return data


class PlanSerializer(serializers.ModelSerializer):
    goals = GoalSerializer(many=True, read_only=True)
    next_review_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "case",
            "review_interval_days",
            "last_reviewed_on",
            "next_review_on",
            "goals",
            "version",
        ]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):
    agreement_way = AgreementWayField(read_only=True, allow_blank=True)

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "plan",
            "number",
            "created_at",
            "created_by",
            "is_review",
            "reviewed_on",
            "review_note",
            "readiness",
            "snapshot",
            "agreement_way",
            "agreed_on",
            "witness",
            "person_comment",
            "signature",
        ]
        read_only_fields = fields


class AgreementSerializer(serializers.Serializer):
    way = AgreementWayField()
    agreed_on = serializers.DateField()
    signature = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="data:image/png;base64,…"
    )
    witness = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit_of(PlanVersion, "witness")
    )
    person_comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limit_of(PlanVersion, "person_comment"),
    )


class SnapshotSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limit_of(PlanVersion, "review_note"),
    )


class PlanViewSet(ReadOnlyAudited):
    """A case's plan (``?case=<id>``) with its goals and steps."""

    queryset = Plan.objects.all()
    serializer_class = PlanSerializer
    id_filters = {"case": "Only this case's plan."}

    def get_queryset(self):
        queryset = (
            Plan.objects.filter(case__in=_visible_cases(self.request))
            .select_related("case")
            .prefetch_related("goals__barriers", "goals__strengths", "goals__steps", "goals__plan")
            .order_by("-id")
        )
        case = query_integer(self.request, "case")
        if case is not None:
            queryset = queryset.filter(case_id=case)
        return queryset

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            plan = self.get_object()
            context["show_sensitive"] = may_see_sensitive(self.request.user, plan.case)
        else:
            context["show_sensitive"] = False  # lists: the safe side
        return context

    def _person_id(self, obj):
        return obj.case.person_id

    @extend_schema(request=SnapshotSerializer, responses={201: VersionSerializer})
    @action(detail=True, methods=["post"])
    def snapshot(self, request, pk=None, **kwargs):
        """Freeze the plan as it stands into a new version, for the person to agree."""
        plan = self.get_object()
        data = SnapshotSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = save_version(plan, by=request.user, note=data.validated_data["note"])
        record(request, "create", version, person_id=plan.case.person_id)
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class _VersionedWrites(mixins.CreateModelMixin, VersionedUpdateMixin, ReadOnlyAudited):
    """Create, and update with the version you read: 409 (412 with If-Match) when it changed
    since."""

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        # The version check and the write (with its links) under one row lock.
        with transaction.atomic():
            current = lock_current(instance, serializer.validated_data.pop("version"))
            obj = serializer.save(version=current.version + 1, **self._author())
        record(request, "change", obj, person_id=self._person_id(obj))
        return with_etag(Response(self.get_serializer(obj).data), obj)

    def _author(self) -> dict:
        return {}


class GoalViewSet(_VersionedWrites):
    """Goals in the person's own words, made SMART with them; create with ``case``."""

    queryset = Goal.objects.all()
    serializer_class = GoalSerializer

    def get_queryset(self):
        return (
            Goal.objects.filter(plan__case__in=_visible_cases(self.request))
            .select_related("plan__case")
            .prefetch_related("barriers", "strengths", "steps")
            .order_by("plan_id", "order", "id")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in ("retrieve", "update", "partial_update") and "pk" in self.kwargs:
            goal = self.get_object()
            context["show_sensitive"] = may_see_sensitive(self.request.user, goal.plan.case)
        else:
            context["show_sensitive"] = False
        return context

    def _person_id(self, obj):
        return obj.plan.case.person_id

    def perform_create(self, serializer):
        case = serializer.validated_data.pop("case")
        serializer.validated_data.pop("version", None)
        with transaction.atomic():  # the plan (on its first goal), the goal and its links
            plan = plan_for(case, by=self.request.user)
            goal = serializer.save(
                plan=plan, created_by=self.request.user, order=plan.next_goal_order()
            )
        record(self.request, "create", goal, person_id=case.person_id)


class ActionStepViewSet(_VersionedWrites):
    """The steps of a goal, each with who does it (the person, the team or a partner)."""

    queryset = ActionStep.objects.all()
    serializer_class = StepSerializer

    def get_queryset(self):
        return (
            ActionStep.objects.filter(goal__plan__case__in=_visible_cases(self.request))
            .select_related("goal__plan__case")
            .order_by("goal_id", "order", "id")
        )

    def _person_id(self, obj):
        return obj.goal.plan.case.person_id

    def _author(self) -> dict:
        return {"updated_by": self.request.user}

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        goal = serializer.validated_data["goal"]
        step = serializer.save(updated_by=self.request.user)
        record(self.request, "create", step, person_id=goal.plan.case.person_id)


class PlanVersionViewSet(ReadOnlyAudited):
    """Every version of a plan, frozen (``?plan=<id>``); the agreement is recorded once."""

    queryset = PlanVersion.objects.all()
    serializer_class = VersionSerializer
    id_filters = {"plan": "Only this plan's versions."}

    def get_queryset(self):
        queryset = (
            PlanVersion.objects.filter(plan__case__in=_visible_cases(self.request))
            .select_related("plan__case")
            .order_by("plan_id", "-number")
        )
        plan = query_integer(self.request, "plan")
        if plan is not None:
            queryset = queryset.filter(plan_id=plan)
        return queryset

    def _person_id(self, obj):
        return obj.plan.case.person_id

    @extend_schema(request=AgreementSerializer, responses=VersionSerializer)
    @action(detail=True, methods=["post"])
    def agreement(self, request, pk=None, **kwargs):
        """Record the person's agreement: signed on the screen (a PNG data URL), signed on
        paper, or agreed aloud before a named witness."""
        version = self.get_object()
        data = AgreementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            record_agreement(version, by=request.user, **data.validated_data)
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(
            request,
            "change",
            version,
            person_id=version.plan.case.person_id,
            detail={"agreement": version.agreement_way},
        )
        return Response(VersionSerializer(version).data)


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("plans", PlanViewSet, basename="plan")
    router.register("goals", GoalViewSet, basename="goal")
    router.register("action-steps", ActionStepViewSet, basename="actionstep")
    router.register("plan-versions", PlanVersionViewSet, basename="planversion")
