"""API endpoints of the economics app, registered on the /api/v1/ router by hearth/urls.py: unit
costs (the organisation's staff read, its program managers and data administrators write),
service-use records (a person's records: the case's own team, every read and change audited,
updates with the version read → 409 when stale) and the analysis of a program (read-only)."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from audit.log import record
from cases.models import Case
from economics.access import get_program_for_economics
from economics.analysis import add_months, money, program_analysis
from economics.forms import ScenarioForm
from economics.models import Period, ServiceUse, UnitCost
from hearth.api import (
    AuditedReadMixin,
    ReadVersionField,
    VersionedUpdateMixin,
    query_integer,
)
from hearth.concurrency import save_versioned
from programs.access import programs_managed_by
from programs.models import Membership, Program


class UnitCostSerializer(serializers.ModelSerializer):
    version = ReadVersionField(updates_only=True)

    class Meta:
        model = UnitCost
        fields = ["id", "organisation", "program", *UnitCost.EDITABLE_FIELDS, "version"]
        read_only_fields = ["organisation"]

    def validate_program(self, program):
        user = self.context["request"].user
        if program is not None and not programs_managed_by(user).filter(pk=program.pk).exists():
            raise serializers.ValidationError(_("Unknown program."))
        return program

    def validate(self, data):
        probe = UnitCost(
            **{
                f: data.get(f, getattr(self.instance, f, None) if self.instance else None)
                for f in UnitCost.EDITABLE_FIELDS
                if f in data or self.instance
            }
        )
        for field in ("municipality_share", "region_share", "state_share"):
            if getattr(probe, field) is None:
                setattr(probe, field, UnitCost._meta.get_field(field).default)
        probe.label = probe.label or ""
        try:
            probe.clean()
        except Exception as refused:  # django ValidationError → API 400
            raise serializers.ValidationError(getattr(refused, "message_dict", {})) from refused
        return data


class UnitCostViewSet(mixins.CreateModelMixin, VersionedUpdateMixin, viewsets.ReadOnlyModelViewSet):
    """Prices per year (R26); a new year's price is a new record. ``?program=<id>`` for the
    prices that hold for one program."""

    serializer_class = UnitCostSerializer
    permission_classes = [IsAuthenticated]
    queryset = UnitCost.objects.none()  # the schema's model; get_queryset gives the reach
    id_filters = {"program": "Only the prices that hold for this program."}
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        organisations = Membership.objects.active().filter(user=user).values("organisation_id")
        queryset = UnitCost.objects.filter(organisation__in=organisations).order_by("-year", "id")
        program = query_integer(self.request, "program")
        if program is not None:
            queryset = queryset.filter(Q(program__isnull=True) | Q(program_id=program))
        return queryset

    def _managed_organisation(self, program):
        user = self.request.user
        managed = programs_managed_by(user)
        if program is not None:
            return program.organisation
        first = managed.first()
        if first is None:
            raise PermissionDenied(_("Only a program manager or data administrator sets prices."))
        return first.organisation

    def perform_create(self, serializer):
        data = serializer.validated_data
        data.pop("version", None)
        organisation = self._managed_organisation(data.get("program"))
        _one_price_a_year(
            UnitCost(
                organisation=organisation,
                program=data.get("program"),
                kind=data["kind"],
                label=data.get("label", ""),
                year=data["year"],
            )
        )
        serializer.save(organisation=organisation, recorded_by=self.request.user)

    def perform_update(self, serializer):
        cost = serializer.instance
        if (
            not programs_managed_by(self.request.user)
            .filter(organisation=cost.organisation)
            .exists()
        ):
            raise PermissionDenied(_("Only a program manager or data administrator sets prices."))
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        for field, value in data.items():
            setattr(cost, field, value)
        _one_price_a_year(cost)
        save_versioned(cost, expected_version=expected)


def _one_price_a_year(cost: UnitCost) -> None:
    if cost.others_of_its_year().exists():
        raise APIValidationError({"year": [UnitCost.ONE_PRICE_A_YEAR]})


class ServiceUseSerializer(serializers.ModelSerializer):
    version = ReadVersionField(updates_only=True)
    months = serializers.ChoiceField(
        choices=[6, 12],
        required=False,
        write_only=True,
        help_text="Before enrolment: the 6 or 12 months asked about (sets the period).",
    )

    class Meta:
        model = ServiceUse
        fields = [
            "id",
            "case",
            "period",
            "months",
            *ServiceUse.EDITABLE_FIELDS,
            "recorded_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["recorded_by", "created_at"]
        extra_kwargs = {"starts_on": {"required": False}, "ends_on": {"required": False}}

    def validate_case(self, case):
        if self.instance is not None and case.pk != self.instance.case_id:
            raise serializers.ValidationError(_("A record cannot move to another case."))
        if not _own_team_cases(self.context["request"].user).filter(pk=case.pk).exists():
            raise serializers.ValidationError(_("Unknown case."))
        return case

    def validate(self, data):
        case = data.get("case") or (self.instance.case if self.instance else None)
        period = data.get("period") or (self.instance.period if self.instance else None)
        months = data.pop("months", None)
        if period == Period.BEFORE and case is not None and (months or not self.instance):
            data["ends_on"] = case.opened_on
            data["starts_on"] = add_months(case.opened_on, -(months or 12))
        probe = ServiceUse(
            **{
                f: data.get(f, getattr(self.instance, f, None))
                for f in ServiceUse.EDITABLE_FIELDS
                if f in data or self.instance
            }
        )
        if probe.starts_on is None or probe.ends_on is None:
            raise serializers.ValidationError({"starts_on": _("Give the period.")})
        if period == Period.SINCE and case is not None and probe.starts_on < case.opened_on:
            raise serializers.ValidationError(
                {"starts_on": _("The period starts at enrolment or later.")}
            )
        if (
            period == Period.BEFORE
            and not self.instance
            and ServiceUse.objects.before().filter(case=case).exists()
        ):
            raise serializers.ValidationError(
                {"period": _("The case has a record of before enrolment: update it.")}
            )
        try:
            probe.clean()
        except Exception as refused:
            raise serializers.ValidationError(getattr(refused, "message_dict", {})) from refused
        return data


def _own_team_cases(user):
    teams = Membership.objects.active().filter(user=user, team__isnull=False).values("team_id")
    return Case.objects.visible_to(user).filter(team__in=teams)


class ServiceUseViewSet(
    mixins.CreateModelMixin,
    VersionedUpdateMixin,
    AuditedReadMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Service use before enrolment and since (what the records do not hold), for the case's
    own team; ``?case=<id>`` for one case."""

    queryset = ServiceUse.objects.all()
    serializer_class = ServiceUseSerializer
    id_filters = {"case": "Only this case's records."}
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _person_id(self, obj):
        return obj.case.person_id

    def get_queryset(self):
        queryset = (
            ServiceUse.objects.filter(case__in=_own_team_cases(self.request.user))
            .select_related("case")
            .order_by("-id")
        )
        case = query_integer(self.request, "case")
        if case is not None:
            queryset = queryset.filter(case_id=case)
        return queryset

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        item = serializer.save(recorded_by=self.request.user)
        record(self.request, "create", item, person_id=item.case.person_id)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        data.pop("case", None)
        data.pop("period", None)
        item = serializer.instance
        for field, value in data.items():
            setattr(item, field, value)
        save_versioned(item, expected_version=expected)
        record(
            self.request,
            "change",
            item,
            person_id=item.case.person_id,
            detail={"fields": sorted(data)},
        )


class AnalysisViewSet(viewsets.ViewSet):
    """The socio-economic analysis of a program (R26), read-only: per person-year and by payer,
    and the break-even month. Scenario inputs as query parameters: ``years``,
    ``price_<kind>``, ``reduce_<kind>`` (percent), recomputed and never saved."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="program")
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def retrieve(self, request, pk=None, **kwargs):
        try:
            program, _may_edit = get_program_for_economics(request.user, int(pk))
        except (ValueError, TypeError, Program.DoesNotExist) as exc:
            raise Http404 from exc
        scenario = ScenarioForm(request.query_params)
        if not scenario.is_valid():
            raise APIValidationError(scenario.errors)
        analysis = program_analysis(
            program,
            today=timezone.localdate(),
            horizon_years=scenario.horizon_years(),
            price_overrides=scenario.price_overrides(),
            reductions=scenario.reductions(),
        )
        return Response(
            {
                "program": program.pk,
                "currency": program.organisation.currency,
                "persons": analysis.persons,
                "cases_without_before": analysis.without_before,
                "person_years_after": str(money(analysis.person_years_after)),
                "complete": analysis.complete,
                "per_person_year": {
                    "program_cost": str(money(analysis.program_cost)),
                    "before": str(money(analysis.before_cost)),
                    "since": str(money(analysis.after_cost)),
                    "savings": str(money(analysis.savings)),
                    "net_cost": str(money(analysis.net_cost)),
                },
                "services": [
                    {
                        "kind": row.kind,
                        "unit_price": str(money(row.price.amount)) if row.price else None,
                        "before": str(money(row.before)) if row.before is not None else None,
                        "since": str(money(row.after)) if row.after is not None else None,
                        "assumed": row.assumed,
                        "saving": str(money(row.saving)) if row.counted else None,
                    }
                    for row in analysis.rows
                ],
                "by_payer": {
                    payer: {key: str(money(value)) for key, value in parts.items()}
                    for payer, parts in analysis.by_payer().items()
                },
                "break_even_month": analysis.break_even_month,
                "months": [
                    {
                        "month": p.month,
                        "cost": str(money(p.cost)),
                        "savings": str(money(p.savings)),
                        "observed": p.observed,
                    }
                    for p in analysis.curve
                ],
            }
        )


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("economics-unit-costs", UnitCostViewSet, basename="economics_unit_cost")
    router.register("service-use", ServiceUseViewSet, basename="service_use")
    router.register("economics-analysis", AnalysisViewSet, basename="economics_analysis")
