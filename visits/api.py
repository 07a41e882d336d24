from django.db import transaction
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.log import record
from cases.models import Case
from hearth.api import ReadOnlyAudited
from hearth.serializers import WithinReach
from programs.staff import eligible_workers
from visits.due import due_for
from visits.models import Appointment, CadenceAgreement, Contact, Crisis


class _CaseScoped(serializers.ModelSerializer):
    """A record of a case within the requester's reach; staff from that case's team."""

    case = WithinReach(Case, message=_("Unknown case."))

    def _check_staff(self, data, field):
        case = data.get("case") or getattr(self.instance, "case", None)
        staff = data.get(field) or []
        allowed = set(eligible_workers(case.team).values_list("pk", flat=True))
        if any(user.pk not in allowed for user in staff):
            raise serializers.ValidationError({field: "Not on the team's staff."})


class ContactSerializer(_CaseScoped):
    class Meta:
        model = Contact
        fields = [
            "id",
            "case",
            "on",
            "kind",
            "staff",
            "minutes",
            "place",
            "face_to_face",
            "accompanied_to",
            "note",
            "recorded_by",
        ]
        read_only_fields = ["recorded_by"]

    def validate(self, data):
        if not data.get("staff"):
            raise serializers.ValidationError({"staff": "Who was there?"})
        self._check_staff(data, "staff")
        return data


class AppointmentSerializer(_CaseScoped):
    class Meta:
        model = Appointment
        fields = [
            "id",
            "case",
            "starts_at",
            "minutes",
            "kind",
            "place",
            "where",
            "accompany_to",
            "staff",
            "status",
            "note",
            "version",
        ]
        read_only_fields = ["status", "version"]

    def validate(self, data):
        self._check_staff(data, "staff")
        return data


class CrisisSerializer(_CaseScoped):
    class Meta:
        model = Crisis
        fields = [
            "id",
            "case",
            "occurred_at",
            "what",
            "severity",
            "responders",
            "response",
            "outcome",
            "follow_up",
            "follow_up_on",
            "recorded_by",
        ]
        read_only_fields = ["recorded_by"]

    def validate(self, data):
        self._check_staff(data, "responders")
        return data


class CadenceSerializer(_CaseScoped):
    class Meta:
        model = CadenceAgreement
        fields = ["id", "case", "interval_days", "agreed_on", "agreed_by", "note"]
        read_only_fields = ["agreed_by"]


class _CreatableAudited(mixins.CreateModelMixin, ReadOnlyAudited):
    """List, read and create the records of cases within reach; creation is audited."""

    author_field = "recorded_by"

    def get_queryset(self):
        return (
            self.queryset.model.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case")
            .order_by("-id")
        )

    def perform_create(self, serializer):
        # The record and its staff list together.
        with transaction.atomic():
            obj = serializer.save(**{self.author_field: self.request.user})
        record(self.request, "create", obj, person_id=obj.case.person_id)

    def _person_id(self, obj):
        return obj.case.person_id


class ContactViewSet(_CreatableAudited):
    """Contacts with or about a person: the fields fidelity measures read."""

    queryset = Contact.objects.all()
    serializer_class = ContactSerializer


class AppointmentViewSet(_CreatableAudited):
    """Planned visits and appointments. ``?mine=1`` for your own agenda."""

    queryset = Appointment.objects.all()
    serializer_class = AppointmentSerializer
    author_field = "created_by"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.query_params.get("mine"):
            queryset = queryset.filter(staff=self.request.user)
        return queryset


class CrisisViewSet(_CreatableAudited):
    """The crisis log (R17)."""

    queryset = Crisis.objects.all()
    serializer_class = CrisisSerializer


class CadenceViewSet(_CreatableAudited):
    """Visit frequencies agreed with the person (R10)."""

    queryset = CadenceAgreement.objects.all()
    serializer_class = CadenceSerializer
    author_field = "agreed_by"


class DueVisitSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    next_due = serializers.DateField()
    overdue_days = serializers.IntegerField()
    state = serializers.ChoiceField(["overdue", "due", "ok"])


class DueSerializer(serializers.Serializer):
    visits = DueVisitSerializer(many=True)
    missing_reports = serializers.ListField(child=serializers.IntegerField())
    drafts = serializers.ListField(child=serializers.IntegerField())
    crisis_follow_ups = serializers.ListField(child=serializers.IntegerField())


class DueView(APIView):
    """What is due, overdue and missing for you (and the teams you lead)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=DueSerializer)
    def get(self, request):
        due = due_for(request.user, today=timezone.localdate())
        person_ids = {case.person_id for case, _cadence in due.visits}
        record(request, "list", object_type="visits.Due", person_ids=person_ids)
        return Response(
            {
                "visits": [
                    {
                        "case": case.pk,
                        "next_due": cadence.next_due,
                        "overdue_days": cadence.overdue_days,
                        "state": cadence.state,
                    }
                    for case, cadence in due.visits
                ],
                "missing_reports": [c.pk for c in due.missing_reports],
                "drafts": [r.pk for r in due.drafts],
                "crisis_follow_ups": [c.pk for c in due.follow_ups],
            }
        )


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("contacts", ContactViewSet, basename="contact")
    router.register("appointments", AppointmentViewSet, basename="appointment")
    router.register("crises", CrisisViewSet, basename="crisis")
    router.register("cadence-agreements", CadenceViewSet, basename="cadence")


urlpatterns = [path("due/", DueView.as_view(), name="api-due")]
