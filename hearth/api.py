"""REST API under /api/v1/: the same access rules and audit as the pages.

Versions: every update and every action that changes a versioned record takes the version the
client read — ``version`` in the body or the ``If-Match`` header holding the ``ETag`` of its read
— through one field, ReadVersionField. A stale version answers 409 (body) or 412 (If-Match),
with the same message; the check itself is hearth.concurrency's."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import APIException
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.fields import empty
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from audit.log import record
from hearth.concurrency import STALE_MESSAGE, StaleEdit


class Conflict(APIException):
    """409: the record changed since the client read it (send the current version)."""

    status_code = 409
    default_detail = STALE_MESSAGE
    default_code = "stale_edit"


class PreconditionFailed(APIException):
    """412 (RFC 9110 §13.1.1): the If-Match version is no longer the record's; nothing saved."""

    status_code = 412
    default_detail = STALE_MESSAGE
    default_code = "stale_edit"


def stale_edit(request: Request) -> APIException:
    """The answer to an edit based on an old version: 412 when the client sent the version as
    If-Match (what HTTP clients expect), 409 when it sent it in the body."""
    return PreconditionFailed() if "If-Match" in request.headers else Conflict()


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, with one mapping for a stale edit wherever a view or workflow raises it:
    409, or 412 when the client sent the version as If-Match. Nothing was saved (the
    workflow's transaction ended with the exception)."""
    if isinstance(exc, StaleEdit):
        exc = stale_edit(context["request"])
    return drf_exception_handler(exc, context)


# The largest version a record can hold (a PositiveIntegerField on every database).
MAX_VERSION = 2_147_483_647
VERSION_HELP = (
    "The version you read (its ETag). Send it here or as the If-Match header; an update based "
    "on an older version is refused with 409 (412 with If-Match), so nobody's change is "
    "silently overwritten."
)
_ETAG = re.compile(r'^ *"([0-9]{1,10})" *$')


@dataclass(frozen=True)
class _Sent:
    """What the client sent as the version: the body's value (or ``empty``) and If-Match."""

    body: Any
    if_match: str


class ReadVersionField(serializers.IntegerField):
    """The version of the record the client read: the one place that finds it. ``version`` in
    the body, else the ``If-Match`` header (the ETag of the read, ``"3"``). Required by every
    update, partial ones too; 400 when neither is sent, when If-Match is not one ETag of ours,
    or when the two disagree. ``updates_only``: on a serializer that also creates records, the
    field is asked for (and kept) only when it updates one."""

    default_error_messages = {
        "required": _(
            "The version is required: send the version you read, as version or as the "
            "If-Match header."
        ),
        "if_match": _('If-Match must hold the one ETag you read, such as "3".'),
        "disagree": _("The version and the If-Match header differ: send the version you read."),
    }

    def __init__(self, *, updates_only: bool = False, **kwargs):
        self.updates_only = updates_only
        kwargs.setdefault("help_text", VERSION_HELP)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_VERSION)
        super().__init__(required=False, **kwargs)

    def _asked(self) -> bool:
        return not (self.updates_only and self.root.instance is None)

    def get_value(self, dictionary):
        if not self._asked():
            return empty
        body = super().get_value(dictionary)
        request = self.context.get("request")
        if request is None or "If-Match" not in request.headers:
            return body
        return _Sent(body=body, if_match=request.headers["If-Match"])

    def validate_empty_values(self, data):
        if data is empty and self._asked():
            self.fail("required")
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if isinstance(data, _Sent):
            match = _ETAG.match(data.if_match)
            if match is None:
                self.fail("if_match")
            header = super().to_internal_value(match.group(1))
            if data.body is not empty and super().to_internal_value(data.body) != header:
                self.fail("disagree")
            return header
        return super().to_internal_value(data)


# Ids are BigAutoFields; a query's number beyond them cannot name a record.
MAX_ID = 9_223_372_036_854_775_807
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,19}$")


def query_integer(request: Request, name: str) -> int | None:
    """The whole number in query parameter ``name`` (``?person=12``), or None when it is absent
    or not one (a filter then does not apply, as before). Only ASCII digits, up to the largest
    id: ``str.isdigit`` takes "²", which int() refuses."""
    value = request.query_params.get(name, "")
    if _WHOLE_NUMBER.match(value) and int(value) <= MAX_ID:
        return int(value)
    return None


def is_versioned(model: type[models.Model]) -> bool:
    """Whether the records carry the version of hearth.concurrency (an integer ``version``)."""
    try:
        return isinstance(model._meta.get_field("version"), models.IntegerField)
    except FieldDoesNotExist:
        return False


def etag(obj: models.Model) -> str | None:
    """The ETag of a versioned record: its version, quoted."""
    return f'"{obj.version}"' if is_versioned(type(obj)) else None


def with_etag(response: Response, obj: models.Model) -> Response:
    tag = etag(obj)
    if tag is not None:
        response["ETag"] = tag
    return response


class OneLookup:
    """The record of a detail route, looked up (and reach-checked) once per request, however
    often a step asks for it."""

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object


class AuditedReadMixin(OneLookup):
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

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        record(request, "view", obj, person_id=self._person_id(obj))
        return with_etag(Response(self.get_serializer(obj).data), obj)


class VersionedUpdateMixin(OneLookup, mixins.UpdateModelMixin):
    """PUT and PATCH of a versioned record, whose serializer finds the version the client read
    with a ReadVersionField; a read or an update answers with the record's ETag."""

    def retrieve(self, request, *args, **kwargs):
        # The audited read, when there is one, comes first in the chain.
        return with_etag(super().retrieve(request, *args, **kwargs), self.get_object())

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        if getattr(instance, "_prefetched_objects_cache", None):
            instance._prefetched_objects_cache = {}
        return with_etag(Response(serializer.data), serializer.instance)


class ReadOnlyAudited(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]


class AuditedUpdatable(AuditedReadMixin, VersionedUpdateMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]


def _takes_version(serializer, *, creates: bool) -> bool:
    fields = getattr(serializer, "fields", {})
    return any(
        isinstance(f, ReadVersionField) and not (f.updates_only and creates)
        for f in fields.values()
    )


class HearthAutoSchema(AutoSchema):
    """The OpenAPI schema says where a version goes: If-Match on every operation that takes
    one, 409 and 412 for a stale one, and ETag on the reads and updates of versioned records."""

    def _takes_version(self) -> bool:
        if self.method not in ("PUT", "PATCH", "POST"):
            return False
        serializer = self.get_request_serializer()
        if isinstance(serializer, type):
            serializer = serializer()
        return _takes_version(serializer, creates=self._is_create_operation())

    def _reads_versioned(self) -> bool:
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        return (
            self.method == "GET"
            and getattr(self.view, "action", None) == "retrieve"
            and model is not None
            and is_versioned(model)
        )

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "action", None) == "list":
            # A list's filters by id, declared beside the queryset that reads them.
            for name, description in getattr(self.view, "id_filters", {}).items():
                parameters.append(OpenApiParameter(name, int, description=description))
        if self._takes_version():
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description='The ETag you read, such as "3", instead of version in the '
                    "body. A stale one answers 412.",
                )
            )
        if self._takes_version() or self._reads_versioned():
            parameters.append(
                OpenApiParameter(
                    "ETag",
                    str,
                    OpenApiParameter.HEADER,
                    response=[200],
                    description="The record's version, quoted: send it back as If-Match.",
                )
            )
        return parameters

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if not self._takes_version():
            return responses
        if not isinstance(responses, dict):
            responses = {200: responses}
        stale = str(STALE_MESSAGE)
        return responses | {
            409: OpenApiResponse(description=f"The version in the body is stale. {stale}"),
            412: OpenApiResponse(description=f"The If-Match version is stale. {stale}"),
        }


def django_errors_to_api(exc) -> APIValidationError:
    if hasattr(exc, "error_dict"):
        return APIValidationError(
            {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        )
    return APIValidationError({"non_field_errors": [str(m) for m in exc.messages]})
