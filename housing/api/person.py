"""A person's housing records through the API: tenancies, their events, searches and
offers (R7, R8, R19, R34)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.log import record
from cases.models import Case
from hearth.api import (
    ReadVersionField,
    django_errors_to_api,
    query_integer,
    with_etag,
)
from hearth.validators import limit_of
from housing.access import searches_visible_to
from housing.api.common import StrictSerializer, VersionedViewSet
from housing.models import (
    Accessibility,
    Answer,
    EndReason,
    HousingSearch,
    Obligation,
    Offer,
    Tenancy,
    TenancyEvent,
)
from housing.preconditions import MESSAGE as PRECONDITION_MESSAGE
from housing.preconditions import names_a_precondition
from housing.searches import answer_offer, make_offer, open_search
from housing.situations import Situation
from housing.tenancies import end_tenancy
from people.models import Person
from programs.staff import organisations_staffed_by

# Tenancies (R7, R19, R34)


class TenancySerializer(StrictSerializer):
    obligations = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = Tenancy
        fields = [
            "id",
            "person",
            "started_on",
            "ended_on",
            "address",
            "unit",
            "provider",
            "landlord",
            "lease_signed_on",
            "lease_kind",
            "rent",
            "subsidy",
            "person_share",
            "obligations",
            "end_reason",
            "end_note",
            "version",
        ]
        read_only_fields = ["person", "started_on", "ended_on", "unit", "end_reason", "end_note"]

    def validate_obligations(self, obligations):
        refused = [o for o in obligations if o not in Obligation.values]
        if any(names_a_precondition(o) for o in refused):
            raise serializers.ValidationError(PRECONDITION_MESSAGE)
        if refused:
            raise serializers.ValidationError(
                _("Choose among the ordinary obligations of a tenant: %(choices)s")
                % {"choices": ", ".join(Obligation.values)}
            )
        return obligations

    def validate_provider(self, provider):
        if (
            provider is not None
            and self.instance is not None
            and provider.organisation_id != self.instance.person.organisation_id
        ):
            raise serializers.ValidationError(_("This provider is not in the organisation."))
        return provider


class EndTenancySerializer(serializers.Serializer):
    version = ReadVersionField(help_text="The tenancy version you read (or If-Match).")
    on = serializers.DateField()
    reason = serializers.ChoiceField(EndReason.choices)
    next_situation = serializers.ChoiceField(Situation.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit_of(Tenancy, "end_note")
    )


class _PersonScoped(VersionedViewSet):
    id_filters = {"person": "Only this person's records."}

    def get_queryset(self):
        queryset = self.queryset.model.objects.filter(
            **{f"{self.person_path}__in": Person.objects.visible_to(self.request.user)}
        ).order_by("-id")
        person = query_integer(self.request, "person")
        if person is not None:
            queryset = queryset.filter(**{f"{self.person_path}_id": person})
        return queryset.select_related(*self.related)


class TenancyViewSet(_PersonScoped):
    """A person's tenancies (``?person=<id>``): details in the organisation's currency, and
    ``POST …/end/`` to end one (the cases stay open; rehousing starts, R7). Tenancies begin
    with a move-in (``POST /cases/<id>/move-in/``)."""

    queryset = Tenancy.objects.all()
    serializer_class = TenancySerializer
    person_path = "person"
    related = ("person",)

    @extend_schema(request=EndTenancySerializer, responses=TenancySerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None, **kwargs):
        tenancy = self.get_object()
        data = EndTenancySerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            end_tenancy(
                tenancy,
                on=values["on"],
                reason=values["reason"],
                next_situation=int(values["next_situation"]),
                by=request.user,
                note=values["note"],
                expected_version=values["version"],
            )
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(request, "change", tenancy, person_id=tenancy.person_id, detail={"ended": True})
        body = TenancySerializer(tenancy, context={"request": request}).data
        return with_etag(Response(body), tenancy)


class TenancyEventSerializer(StrictSerializer):
    person = serializers.IntegerField(source="tenancy.person_id", read_only=True)

    class Meta:
        model = TenancyEvent
        fields = ["id", "tenancy", "person", "kind", "on", "note", "resolved_on", "version"]

    def validate_tenancy(self, tenancy):
        user = self.context["request"].user
        if not Person.objects.visible_to(user).filter(pk=tenancy.person_id).exists():
            raise serializers.ValidationError(_("Unknown tenancy."))
        if self.instance is not None and tenancy.pk != self.instance.tenancy_id:
            raise serializers.ValidationError(_("An event cannot move to another tenancy."))
        return tenancy


class TenancyEventViewSet(mixins.CreateModelMixin, _PersonScoped):
    """What happened in a tenancy: arrears, complaints, repairs, an eviction notice…"""

    queryset = TenancyEvent.objects.all()
    serializer_class = TenancyEventSerializer
    person_path = "tenancy__person"
    related = ("tenancy",)

    def _person_id(self, obj):
        return obj.tenancy.person_id

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        event = serializer.save(recorded_by=self.request.user)
        record(self.request, "create", event, person_id=event.tenancy.person_id)


# The search (R8, R34)


class HousingSearchSerializer(StrictSerializer):
    person = serializers.IntegerField(source="case.person_id", read_only=True)
    accessibility = serializers.ListField(
        child=serializers.ChoiceField(Accessibility.choices), required=False
    )
    days = serializers.SerializerMethodField(
        help_text="Days from opening to move-in, or so far for an open search."
    )

    class Meta:
        model = HousingSearch
        fields = [
            "id",
            "case",
            "person",
            "opened_on",
            "reason",
            "closed_on",
            "tenancy",
            "days",
            "areas",
            "unit_type",
            "rooms",
            "accessibility",
            "accessibility_note",
            "what_matters",
            "version",
        ]
        read_only_fields = ["closed_on", "tenancy"]

    def get_days(self, search) -> int:
        return search.days(today=timezone.localdate())

    def validate_case(self, case):
        user = self.context["request"].user
        if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
            raise serializers.ValidationError(_("Unknown case."))
        if self.instance is not None and case.pk != self.instance.case_id:
            raise serializers.ValidationError(_("A search cannot move to another case."))
        return case


class HousingSearchViewSet(mixins.CreateModelMixin, _PersonScoped):
    """The housing search of a case until move-in (``?person=<id>``), with what matters to
    the person in their own words. A move-in ends it."""

    queryset = HousingSearch.objects.all()
    serializer_class = HousingSearchSerializer
    person_path = "case__person"
    related = ("case",)

    def get_queryset(self):
        return super().get_queryset().filter(case__in=Case.objects.visible_to(self.request.user))

    def _person_id(self, obj):
        return obj.case.person_id

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        case = data.pop("case")
        search = open_search(case, on=data.pop("opened_on"), by=self.request.user, **data)
        serializer.instance = search
        record(self.request, "create", search, person_id=case.person_id)


class OfferSerializer(StrictSerializer):
    case = serializers.IntegerField(source="search.case_id", read_only=True)
    person = serializers.IntegerField(source="search.case.person_id", read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "search",
            "case",
            "person",
            "unit",
            "address",
            "offered_on",
            "answer",
            "answered_on",
            "reason",
            "version",
        ]

    def validate_search(self, search):
        user = self.context["request"].user
        if not searches_visible_to(user).filter(pk=search.pk).exists():
            raise serializers.ValidationError(_("Unknown search."))
        if self.instance is not None and search.pk != self.instance.search_id:
            raise serializers.ValidationError(_("An offer cannot move to another search."))
        return search

    def validate_unit(self, unit):
        user = self.context["request"].user
        if (
            unit is not None
            and not organisations_staffed_by(user).filter(pk=unit.provider.organisation_id).exists()
        ):
            raise serializers.ValidationError(_("Unknown unit."))
        if self.instance is not None and unit != self.instance.unit:
            raise serializers.ValidationError(_("Record a new offer for another home."))
        return unit


class OfferViewSet(mixins.CreateModelMixin, _PersonScoped):
    """Offers of a home made during a search. Update ``answer`` (waiting, accepted,
    refused_person, refused_landlord) with ``answered_on`` and ``reason``: a refusal by the
    person costs them nothing (R34); a refusal by the landlord is recorded as a barrier."""

    queryset = Offer.objects.all()
    serializer_class = OfferSerializer
    person_path = "search__case__person"
    related = ("search__case", "unit")

    def get_queryset(self):
        return super().get_queryset().filter(search__in=searches_visible_to(self.request.user))

    def _person_id(self, obj):
        return obj.search.case.person_id

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            offer = make_offer(
                data["search"],
                on=data.get("offered_on") or timezone.localdate(),
                by=self.request.user,
                unit=data.get("unit"),
                address=data.get("address", ""),
            )
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        if data.get("answer", Answer.WAITING) != Answer.WAITING:
            self._answer(offer, data, expected_version=offer.version)
        serializer.instance = offer
        record(self.request, "create", offer, person_id=self._person_id(offer))

    def _answer(self, offer, data, *, expected_version):
        try:
            answer_offer(
                offer,
                answer=data.get("answer", offer.answer),
                on=data.get("answered_on", offer.answered_on),
                reason=data.get("reason", offer.reason),
                by=self.request.user,
                expected_version=expected_version,
            )
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        offer = serializer.instance
        self._answer(offer, data, expected_version=data["version"])
        record(self.request, "change", offer, person_id=self._person_id(offer))
