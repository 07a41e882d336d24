"""API endpoints of the ecomap app, registered on the /api/v1/ router by hearth/urls.py: ties (list,
read, create, update with the version read → 409 when stale) and snapshots (list, read, take)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers

from audit.log import record
from ecomap.models import Snapshot, Tie
from ecomap.network import take_snapshot
from hearth.api import (
    ReadOnlyAudited,
    ReadVersionField,
    VersionedUpdateMixin,
    query_integer,
)
from hearth.concurrency import save_versioned
from hearth.serializers import WithinReach
from people.models import Person


class EcomapTieSerializer(serializers.ModelSerializer):
    person = WithinReach(Person, message=_("Unknown person."))
    version = ReadVersionField(updates_only=True)

    class Meta:
        model = Tie
        fields = [
            "id",
            "person",
            *Tie.EDITABLE_FIELDS,
            "ended_on",
            "recorded_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["recorded_by", "created_at"]

    def validate_person(self, person):
        if self.instance is not None and person.pk != self.instance.person_id:
            raise serializers.ValidationError(_("A tie cannot move to another person."))
        return person

    def validate_name(self, name):
        if not name.strip():
            raise serializers.ValidationError(_("Say who or what the tie is with."))
        return name.strip()


class EcomapSnapshotSerializer(serializers.ModelSerializer):
    person = WithinReach(Person, message=_("Unknown person."))

    class Meta:
        model = Snapshot
        fields = ["id", "person", "taken_on", "taken_by", "note", "ties", "created_at"]
        read_only_fields = ["taken_by", "ties", "created_at"]


class _PersonScoped(mixins.CreateModelMixin, ReadOnlyAudited):
    """Records of persons within reach: list, read and create, every step audited."""

    id_filters = {"person": "Only this person's records."}

    def get_queryset(self):
        queryset = self.queryset.model.objects.filter(
            person__in=Person.objects.visible_to(self.request.user)
        ).order_by("-id")
        person = query_integer(self.request, "person")
        if person is not None:  # ?person=<id>: one person's records
            queryset = queryset.filter(person_id=person)
        return queryset


class TieViewSet(VersionedUpdateMixin, _PersonScoped):
    """The ties of a person's ecomap (R12); ``?person=<id>`` for one person's network.
    Ending a tie is an update of ``ended_on``; it stays in the history."""

    queryset = Tie.objects.all()
    serializer_class = EcomapTieSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        tie = serializer.save(recorded_by=self.request.user)
        record(self.request, "create", tie, person_id=tie.person_id)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        data.pop("person", None)
        tie = serializer.instance
        for field, value in data.items():
            setattr(tie, field, value)
        save_versioned(tie, expected_version=expected)
        record(
            self.request, "change", tie, person_id=tie.person_id, detail={"fields": sorted(data)}
        )


class SnapshotViewSet(_PersonScoped):
    """Dated snapshots of a person's ecomap (``?person=<id>``): POST freezes the current
    ties."""

    queryset = Snapshot.objects.all()
    serializer_class = EcomapSnapshotSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        snapshot = take_snapshot(
            data["person"],
            by=self.request.user,
            on=data.get("taken_on") or timezone.localdate(),
            note=data.get("note", ""),
        )
        serializer.instance = snapshot
        record(self.request, "create", snapshot, person_id=snapshot.person_id)


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("ecomap-ties", TieViewSet, basename="tie")
    router.register("ecomap-snapshots", SnapshotViewSet, basename="ecomap_snapshot")
