from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from audit.log import record
from cases.lifecycle import Opening, OverStandard, assign_workers, move_in, open_case, transfer_case
from cases.models import (
    Case,
    CaseTransfer,
    ClosureReason,
    LegalTodo,
    ReadinessRecord,
    StageChange,
    TargetGroup,
)
from hearth.api import (
    AuditedReadMixin,
    ReadVersionField,
    django_errors_to_api,
    with_etag,
)
from hearth.validators import limit_of, past_date
from housing.models import LivingSituation
from housing.situations import OWN_HOME_CHOICES, Situation
from people.models import Person
from programs.access import teams_visible_to
from programs.staff import eligible_workers


class LegalTodoSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalTodo
        fields = ["id", "kind", "description", "status"]


class CaseSerializer(serializers.ModelSerializer):
    legal_todos = LegalTodoSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "person",
            "program",
            "team",
            "stage",
            "opened_on",
            "moved_in_on",
            "closed_on",
            "closure_reason",
            "primary_worker",
            "backup_worker",
            "target_group",
            "life_history",
            "hopes",
            "method_explained_on",
            "terms_agreed_on",
            "terms_agreed_how",
            "terms_witness",
            "terms_notes",
            "legal_todos",
            "version",
        ]
        read_only_fields = fields


class OpenCaseSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    team = serializers.IntegerField()
    target_group = serializers.ChoiceField(TargetGroup.choices)
    intake_situation = serializers.ChoiceField(Situation.choices)
    life_history = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit_of(Case, "life_history")
    )
    primary_worker = serializers.IntegerField(required=False, allow_null=True, default=None)
    confirm_over_standard = serializers.BooleanField(default=False)


class VersionedActionSerializer(serializers.Serializer):
    version = ReadVersionField(help_text="The case version you read (or If-Match).")


class MoveInSerializer(VersionedActionSerializer):
    on = serializers.DateField(validators=[past_date])
    code = serializers.ChoiceField(OWN_HOME_CHOICES)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limit_of(LivingSituation, "note"),
    )


class CloseSerializer(VersionedActionSerializer):
    on = serializers.DateField(validators=[past_date])
    reason = serializers.ChoiceField(ClosureReason.choices)
    feels_ready = serializers.CharField()
    person_words = serializers.CharField(
        allow_blank=True, max_length=limit_of(ReadinessRecord, "person_words")
    )
    income = serializers.ChoiceField(ReadinessRecord.Income.choices)
    social_support = serializers.ChoiceField(ReadinessRecord.Support.choices)
    substances = serializers.ChoiceField(ReadinessRecord.Substances.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit_of(ReadinessRecord, "note")
    )


class ReopenSerializer(VersionedActionSerializer):
    on = serializers.DateField(validators=[past_date])
    reason = serializers.CharField(max_length=limit_of(StageChange, "note"))


class TransferSerializer(VersionedActionSerializer):
    to_team = serializers.IntegerField()
    on = serializers.DateField(validators=[past_date])
    person_agreed = serializers.BooleanField()
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit_of(CaseTransfer, "reason")
    )
    confirm_over_standard = serializers.BooleanField(default=False)


class WorkersSerializer(VersionedActionSerializer):
    primary_worker = serializers.IntegerField(allow_null=True)
    backup_worker = serializers.IntegerField(allow_null=True)
    confirm_over_standard = serializers.BooleanField(default=False)


def over_standard_response(exc: OverStandard) -> Response:
    message = ngettext(
        "Above the program's standard: %(count)s person for a capacity of %(capacity)s. "
        "Send confirm_over_standard=true to confirm.",
        "Above the program's standard: %(count)s persons for a capacity of %(capacity)s. "
        "Send confirm_over_standard=true to confirm.",
        exc.gauge.count,
    ) % {"count": exc.gauge.count, "capacity": exc.gauge.capacity_display}
    return Response({"confirm_over_standard": [message]}, status=status.HTTP_400_BAD_REQUEST)


class CaseViewSet(AuditedReadMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Cases within your reach, with the lifecycle as actions. Every action takes the case
    version you read and answers 409 if someone changed the case since."""

    queryset = Case.objects.all()
    serializer_class = CaseSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            Case.objects.visible_to(self.request.user)
            .prefetch_related("legal_todos")
            .order_by("id")
        )

    def _run(self, request, serializer_class, run):
        case = self.get_object()  # reach first: an unknown case is 404, whatever the input
        serializer = serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        try:
            run(case, serializer.validated_data)
        except OverStandard as exc:
            return over_standard_response(exc)
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(request, "change", case, detail={"action": self.action})
        case.refresh_from_db()
        return with_etag(Response(CaseSerializer(case).data), case)

    def _worker(self, case, user_id):
        if user_id is None:
            return None
        worker = eligible_workers(case.team).filter(pk=user_id).first()
        if worker is None:
            raise serializers.ValidationError(
                {"primary_worker": _("This person is not on the team's staff.")}
            )
        return worker

    @extend_schema(request=OpenCaseSerializer, responses={201: CaseSerializer})
    def create(self, request, *args, **kwargs):
        """Open a new case for a person already in Hearth."""
        serializer = OpenCaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        person = Person.objects.visible_to(request.user).filter(pk=d["person"]).first()
        team = teams_visible_to(request.user).filter(pk=d["team"]).first()
        if person is None or team is None:
            raise serializers.ValidationError({"person": _("Unknown person or team.")})
        worker = None
        if d["primary_worker"]:
            worker = eligible_workers(team).filter(pk=d["primary_worker"]).first()
            if worker is None:
                raise serializers.ValidationError(
                    {"primary_worker": _("This person is not on the team's staff.")}
                )
        opening = Opening(
            team=team,
            opened_on=timezone.localdate(),
            target_group=d["target_group"],
            intake_situation=int(d["intake_situation"]),
            life_history=d["life_history"],
            primary_worker=worker,
        )
        try:
            case = open_case(
                person=person,
                opening=opening,
                by=request.user,
                confirm_over_standard=d["confirm_over_standard"],
            )
        except OverStandard as exc:
            return over_standard_response(exc)
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(request, "create", case)
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MoveInSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], url_path="move-in")
    def move_in(self, request, pk=None, **kwargs):
        """Record the move-in: active support starts (seed 002)."""
        return self._run(
            request,
            MoveInSerializer,
            lambda case, d: move_in(
                case,
                by=request.user,
                on=d["on"],
                code=int(d["code"]),
                note=d["note"],
                expected_version=d["version"],
            ),
        )

    @extend_schema(request=CloseSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None, **kwargs):
        """Close on the person's readiness, with the indicators (R20)."""

        def run(case, d):
            readiness = ReadinessRecord(
                feels_ready=d["feels_ready"],
                person_words=d["person_words"],
                income=d["income"],
                social_support=d["social_support"],
                substances=d["substances"],
                note=d["note"],
            )
            case.close(
                by=request.user,
                on=d["on"],
                reason=d["reason"],
                readiness=readiness,
                expected_version=d["version"],
            )

        return self._run(request, CloseSerializer, run)

    @extend_schema(request=ReopenSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None, **kwargs):
        return self._run(
            request,
            ReopenSerializer,
            lambda case, d: case.reopen(
                by=request.user, on=d["on"], reason=d["reason"], expected_version=d["version"]
            ),
        )

    @extend_schema(request=TransferSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None, **kwargs):
        """Planned transfer to another team, e.g. ACT → ICM (R5). The history stays."""

        def run(case, d):
            to_team = teams_visible_to(request.user).filter(pk=d["to_team"]).first()
            if to_team is None:
                raise ValidationError({"to_team": _("Unknown team.")})
            transfer_case(
                case,
                to_team=to_team,
                by=request.user,
                on=d["on"],
                person_agreed=d["person_agreed"],
                reason=d["reason"],
                expected_version=d["version"],
                confirm_over_standard=d["confirm_over_standard"],
            )

        return self._run(request, TransferSerializer, run)

    @extend_schema(request=WorkersSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def workers(self, request, pk=None, **kwargs):
        """Assign the primary and backup workers; above the standard needs confirmation."""

        def run(case, d):
            assign_workers(
                case,
                primary=self._worker(case, d["primary_worker"]),
                backup=self._worker(case, d["backup_worker"]),
                by=request.user,
                expected_version=d["version"],
                confirm_over_standard=d["confirm_over_standard"],
            )

        return self._run(request, WorkersSerializer, run)


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("cases", CaseViewSet, basename="case")
