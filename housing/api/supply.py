"""The housing supply through the API: providers and units (R24)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers
from rest_framework.exceptions import PermissionDenied

from hearth.api import query_integer
from housing.access import (
    organisations_supplied_by,
    providers_visible_to,
)
from housing.api.common import StrictSerializer, VersionedViewSet
from housing.models import (
    Accessibility,
    HousingProvider,
    Unit,
)

# The supply (R24)


class HousingProviderSerializer(StrictSerializer):
    class Meta:
        model = HousingProvider
        fields = [
            "id",
            "organisation",
            "name",
            "kind",
            "contact_name",
            "contact_phone",
            "contact_email",
            "note",
            "version",
        ]

    def validate_organisation(self, organisation):
        user = self.context["request"].user
        if not organisations_supplied_by(user).filter(pk=organisation.pk).exists():
            raise serializers.ValidationError(_("You cannot edit this organisation's supply."))
        if self.instance is not None and organisation.pk != self.instance.organisation_id:
            raise serializers.ValidationError(_("A provider cannot move to another organisation."))
        return organisation


class UnitSerializer(StrictSerializer):
    accessibility = serializers.ListField(
        child=serializers.ChoiceField(Accessibility.choices), required=False
    )

    class Meta:
        model = Unit
        fields = [
            "id",
            "provider",
            "address",
            "area",
            "unit_type",
            "rooms",
            "rent",
            "accessibility",
            "accessibility_note",
            "status",
            "note",
            "version",
        ]

    def validate_provider(self, provider):
        user = self.context["request"].user
        if not organisations_supplied_by(user).filter(pk=provider.organisation_id).exists():
            raise serializers.ValidationError(_("You cannot edit this organisation's supply."))
        return provider


class _SupplyViewSet(VersionedViewSet):
    def _check_editor(self, organisation_id: int) -> None:
        if not organisations_supplied_by(self.request.user).filter(pk=organisation_id).exists():
            raise PermissionDenied(_("You cannot edit this organisation's supply."))


class HousingProviderViewSet(mixins.CreateModelMixin, _SupplyViewSet):
    """Housing providers of your organisations (R24)."""

    queryset = HousingProvider.objects.all()
    serializer_class = HousingProviderSerializer

    def get_queryset(self):
        return providers_visible_to(self.request.user).order_by("name", "id")

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        serializer.save()

    def perform_update(self, serializer):
        self._check_editor(serializer.instance.organisation_id)
        super().perform_update(serializer)


class UnitViewSet(mixins.CreateModelMixin, _SupplyViewSet):
    """Units of your organisations' supply; filter with ``?area=``, ``?unit_type=``,
    ``?status=``, ``?rooms=`` (at least)."""

    queryset = Unit.objects.all()
    serializer_class = UnitSerializer

    def get_queryset(self):
        units = Unit.objects.visible_to(self.request.user).for_supply_list()
        params = self.request.query_params
        if params.get("area"):
            units = units.filter(area__icontains=params["area"])
        if params.get("unit_type"):
            units = units.filter(unit_type=params["unit_type"])
        if params.get("status"):
            units = units.filter(status=params["status"])
        if (rooms := query_integer(self.request, "rooms")) is not None:
            units = units.filter(rooms__gte=rooms)
        return units

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        serializer.save(created_by=self.request.user)

    def perform_update(self, serializer):
        self._check_editor(serializer.instance.provider.organisation_id)
        super().perform_update(serializer)
