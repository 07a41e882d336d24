"""The strict, versioned serializer and viewset base of the housing API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from audit.log import record
from hearth.api import AuditedReadMixin, ReadVersionField, VersionedUpdateMixin
from hearth.concurrency import save_versioned
from hearth.serializers import ModelRules
from housing.preconditions import MESSAGE as PRECONDITION_MESSAGE
from housing.preconditions import names_a_precondition


class StrictSerializer(ModelRules, serializers.ModelSerializer):
    """Refuses fields it does not know instead of dropping them silently; an attempt to
    record a sobriety or treatment condition gets the R34 message; the model's own rules
    (``clean()``) apply as in the web forms."""

    version = ReadVersionField(updates_only=True)

    def to_internal_value(self, data):
        known = set(self.fields)
        unknown = [key for key in getattr(data, "keys", lambda: [])() if key not in known]
        if unknown:
            if any(
                names_a_precondition(key) or names_a_precondition(data.get(key, ""))
                for key in unknown
            ):
                raise serializers.ValidationError({"non_field_errors": [PRECONDITION_MESSAGE]})
            raise serializers.ValidationError({key: [_("Unknown field.")] for key in unknown})
        return super().to_internal_value(data)


def update_versioned(request, instance, data: dict, *, person_id=None) -> None:
    expected = data.pop("version")
    for field, value in data.items():
        setattr(instance, field, value)
    save_versioned(instance, expected_version=expected)
    if person_id is not None:
        record(request, "change", instance, person_id=person_id, detail={"fields": sorted(data)})


class VersionedViewSet(AuditedReadMixin, VersionedUpdateMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        update_versioned(
            self.request, serializer.instance, data, person_id=self._person_id(serializer.instance)
        )
