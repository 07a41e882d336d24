"""API of the money app (R16): income sources (list, read, create, update with the version
read → 409 when stale), budgets with their lines, and financial assistance with its
``approve`` and ``refuse`` actions — same rules and audit trail as the pages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
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
from hearth.concurrency import save_versioned
from hearth.serializers import ModelRules, WithinReach
from hearth.validators import limit_of
from money.assistance import decide
from money.income import became_refused, record_refusal_barrier
from money.models import Budget, BudgetLine, FinancialAssistance, IncomeSource
from people.models import Person


class IncomeSourceSerializer(ModelRules, serializers.ModelSerializer):
    person = WithinReach(Person, message=_("Unknown person."))
    version = ReadVersionField(updates_only=True)
    monthly_amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = IncomeSource
        fields = [
            "id",
            "person",
            *IncomeSource.EDITABLE_FIELDS,
            "monthly_amount",
            "recorded_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["recorded_by", "created_at"]

    def validate_person(self, person):
        if self.instance is not None and person.pk != self.instance.person_id:
            raise serializers.ValidationError(_("An income source cannot move to another person."))
        return person


def _current_case(user, person_id: int):
    cases = list(
        Case.objects.visible_to(user).filter(person_id=person_id).order_by("-opened_on", "-id")
    )
    return next((c for c in cases if c.is_open), cases[0] if cases else None)


class _PersonScoped(ReadOnlyAudited):
    id_filters = {"person": "Only this person's records."}

    def get_queryset(self):
        queryset = self.queryset.filter(
            person__in=Person.objects.visible_to(self.request.user)
        ).order_by("-id")
        person = query_integer(self.request, "person")
        if person is not None:
            queryset = queryset.filter(person_id=person)
        return queryset


class IncomeSourceViewSet(mixins.CreateModelMixin, VersionedUpdateMixin, _PersonScoped):
    """A person's income sources and benefit applications (``?person=<id>``). Setting the
    status to ``refused`` records a barrier for advocacy (R37)."""

    queryset = IncomeSource.objects.all()
    serializer_class = IncomeSourceSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _after(self, source, before):
        if became_refused(before, source):
            case = _current_case(self.request.user, source.person_id)
            record_refusal_barrier(source, case=case, by=self.request.user)

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        with transaction.atomic():  # a refusal and its barrier, together or not at all
            source = serializer.save(recorded_by=self.request.user)
            self._after(source, None)
        record(self.request, "create", source, person_id=source.person_id)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        data.pop("person", None)
        source = serializer.instance
        before = source.status
        for field, value in data.items():
            setattr(source, field, value)
        with transaction.atomic():  # a refusal and its barrier, together or not at all
            save_versioned(source, expected_version=expected)
            self._after(source, before)
        record(
            self.request,
            "change",
            source,
            person_id=source.person_id,
            detail={"fields": sorted(data)},
        )


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["category", "label", "amount"]


class BudgetSerializer(serializers.ModelSerializer):
    person = WithinReach(Person, message=_("Unknown person."))
    lines = BudgetLineSerializer(many=True)
    income_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    expense_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    left = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Budget
        fields = [
            "id",
            "person",
            "case",
            "month",
            "priorities",
            "made_with_person",
            "lines",
            "income_total",
            "expense_total",
            "left",
            "created_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["case", "created_by", "created_at", "version"]


class BudgetViewSet(mixins.CreateModelMixin, _PersonScoped):
    """Budgets made with the person (``?person=<id>``), their lines and what is left.
    POST creates a budget with its lines in one step."""

    queryset = Budget.objects.all()
    serializer_class = BudgetSerializer

    def get_queryset(self):
        return super().get_queryset().with_totals().prefetch_related("lines")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines")
        with transaction.atomic():  # the budget and its lines, or nothing
            budget = Budget.objects.create(
                **data,
                case=_current_case(self.request.user, data["person"].pk),
                created_by=self.request.user,
            )
            BudgetLine.objects.bulk_create(BudgetLine(budget=budget, **line) for line in lines)
        serializer.instance = self.get_queryset().get(pk=budget.pk)
        record(self.request, "create", budget, person_id=budget.person_id)


class AssistanceSerializer(serializers.ModelSerializer):
    case = WithinReach(Case, message=_("Unknown case."))

    class Meta:
        model = FinancialAssistance
        fields = [
            "id",
            "case",
            "amount",
            "purpose",
            "note",
            "status",
            "requested_by",
            "requested_on",
            "decided_by",
            "decided_on",
            "refusal_reason",
            "paid_on",
            "paid_by",
            "receipt",
            "version",
        ]
        read_only_fields = [
            "status",
            "requested_by",
            "decided_by",
            "decided_on",
            "refusal_reason",
            "paid_on",
            "paid_by",
            "receipt",
            "version",
        ]


class DecisionSerializer(serializers.Serializer):
    version = ReadVersionField()
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limit_of(FinancialAssistance, "refusal_reason"),
    )


class AssistanceViewSet(mixins.CreateModelMixin, ReadOnlyAudited):
    """The program's financial assistance for cases within reach (``?case=<id>``). A team
    lead of the case's team or the program's manager approves or refuses — never the
    requester; a stale decision answers 409."""

    queryset = FinancialAssistance.objects.all()
    serializer_class = AssistanceSerializer
    id_filters = {"case": "Only this case's requests."}

    def get_queryset(self):
        queryset = (
            FinancialAssistance.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case__team__program")
            .order_by("-id")
        )
        case = query_integer(self.request, "case")
        if case is not None:
            queryset = queryset.filter(case_id=case)
        return queryset

    def perform_create(self, serializer):
        assistance = serializer.save(requested_by=self.request.user)
        record(self.request, "create", assistance, person_id=assistance.case.person_id)

    def _decide(self, request, *, approve: bool):
        assistance = self.get_object()
        body = DecisionSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        try:
            decide(
                assistance,
                by=request.user,
                approve=approve,
                on=timezone.localdate(),
                reason=body.validated_data["reason"],
                expected_version=body.validated_data["version"],
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(
            request,
            "change",
            assistance,
            person_id=assistance.case.person_id,
            detail={"status": assistance.status},
        )
        data = AssistanceSerializer(assistance, context={"request": request}).data
        return with_etag(Response(data), assistance)

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def approve(self, request, pk=None, **kwargs):
        """Approve a waiting request (send the version you read)."""
        return self._decide(request, approve=True)

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def refuse(self, request, pk=None, **kwargs):
        """Refuse a waiting request, with the reason."""
        return self._decide(request, approve=False)


def register(router) -> None:
    router.register("income-sources", IncomeSourceViewSet, basename="income_source")
    router.register("budgets", BudgetViewSet, basename="budget")
    router.register("financial-assistance", AssistanceViewSet, basename="assistance")
