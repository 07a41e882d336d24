"""REST API under /api/v1/: the same access rules and audit as the pages."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework import mixins, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import APIException
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from audit.log import record
from hearth.access import public
from hearth.concurrency import STALE_MESSAGE
from hearth.domain import hooks


class Conflict(APIException):
    """409: the record changed since the client read it (send the current version)."""

    status_code = 409
    default_detail = STALE_MESSAGE
    default_code = "stale_edit"


class AuditedReadMixin:
    """Every list and read of a person's records lands in the audit trail."""

    audit_person_field = "person_id"

    def _person_id(self, obj):
        if obj._meta.label == "people.Person":
            return obj.pk
        return getattr(obj, self.audit_person_field, None)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        objects = list(page.object_list) if page is not None else []
        ids = [pid for pid in (self._person_id(o) for o in objects) if pid]
        if ids:
            record(request, "list", object_type=self.queryset.model._meta.label, person_ids=ids)
        return response

    def get_object(self):
        # Looked up (and reach-checked) once per request, however often a step asks for it.
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        record(request, "view", obj, person_id=self._person_id(obj))
        return Response(self.get_serializer(obj).data)


class ReadOnlyAudited(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]


class AuditedUpdatable(AuditedReadMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]


def django_errors_to_api(exc) -> APIValidationError:
    if hasattr(exc, "error_dict"):
        return APIValidationError(
            {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        )
    return APIValidationError({"non_field_errors": [str(m) for m in exc.messages]})


class TokenView(ObtainAuthToken):
    """POST username and password; answers {"token": "..."}. Failed attempts count towards
    the sign-in lockout."""

    permission_classes: list = []


def urls():
    from cases.api import CaseViewSet
    from meetings.api import ConferenceViewSet, MeetingViewSet
    from people.api import PersonViewSet
    from programs.api import MembershipViewSet, ProgramViewSet, TeamViewSet
    from reports.api import ReportViewSet
    from roster.api import ShiftViewSet
    from visits.api import (
        AppointmentViewSet,
        CadenceViewSet,
        ContactViewSet,
        CrisisViewSet,
        DueView,
    )

    router = DefaultRouter()
    router.register("persons", PersonViewSet, basename="person")
    router.register("cases", CaseViewSet, basename="case")
    router.register("programs", ProgramViewSet, basename="program")
    router.register("teams", TeamViewSet, basename="team")
    router.register("staff", MembershipViewSet, basename="staff")
    router.register("shifts", ShiftViewSet, basename="shift")
    router.register("contacts", ContactViewSet, basename="contact")
    router.register("appointments", AppointmentViewSet, basename="appointment")
    router.register("crises", CrisisViewSet, basename="crisis")
    router.register("cadence-agreements", CadenceViewSet, basename="cadence")
    router.register("reports", ReportViewSet, basename="report")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("conferences", ConferenceViewSet, basename="conference")
    for _app, module in hooks("api"):
        module.register(router)
    token_view = public(TokenView.as_view())
    return [
        path("auth/token/", token_view, name="api-token"),
        path("due/", DueView.as_view(), name="api-due"),
        path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
        path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
        path("", include(router.urls)),
    ]
