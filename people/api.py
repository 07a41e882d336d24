from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.log import record
from cases.api import over_standard_response
from cases.lifecycle import Opening, OverStandard, open_case, record_living_situation
from cases.models import Case, TargetGroup
from hearth.api import AuditedUpdatable, ReadVersionField, django_errors_to_api
from hearth.concurrency import save_versioned
from hearth.validators import limit_of, past_date
from housing.models import LivingSituation
from housing.situations import Situation
from people.access import can_see_identifiers
from people.identifiers import IdentifierKind, InvalidIdentifier, normalise
from people.matching import identifier_taken
from people.models import HouseholdMember, NationalIdentifier, Person
from programs.access import teams_visible_to
from programs.staff import eligible_workers


class IdentifierSerializer(serializers.ModelSerializer):
    formatted = serializers.CharField(read_only=True)

    class Meta:
        model = NationalIdentifier
        fields = ["kind", "value", "formatted"]


class HouseholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = HouseholdMember
        fields = [
            "relationship",
            "name",
            "linked_person",
            "birth_year",
            "lives_with_person",
            "note",
        ]


class PersonSerializer(serializers.ModelSerializer):
    identifiers = serializers.SerializerMethodField()
    household = HouseholdSerializer(many=True, read_only=True)
    version = ReadVersionField()

    class Meta:
        model = Person
        fields = [
            "id",
            *Person.EDITABLE_FIELDS,
            "identifiers",
            "household",
            "created_at",
            "version",
        ]
        read_only_fields = ["created_at"]

    def get_identifiers(self, person) -> list[dict]:
        if not self.context.get("show_identifiers"):
            return []
        return IdentifierSerializer(person.identifiers.all(), many=True).data


class NewPersonSerializer(PersonSerializer):
    """Register a person and open their first case, together."""

    version = serializers.IntegerField(read_only=True)
    team = serializers.IntegerField(write_only=True)
    target_group = serializers.ChoiceField(TargetGroup.choices, write_only=True)
    intake_situation = serializers.ChoiceField(Situation.choices, write_only=True)
    life_history = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=limit_of(Case, "life_history"),
    )
    identifier_kind = serializers.ChoiceField(
        IdentifierKind.choices, write_only=True, required=False
    )
    identifier_value = serializers.CharField(write_only=True, required=False, max_length=30)
    primary_worker = serializers.IntegerField(write_only=True, required=False, allow_null=True)
    confirm_over_standard = serializers.BooleanField(write_only=True, default=False)

    class Meta(PersonSerializer.Meta):
        fields = [
            *PersonSerializer.Meta.fields,
            "primary_worker",
            "team",
            "target_group",
            "intake_situation",
            "life_history",
            "identifier_kind",
            "identifier_value",
            "confirm_over_standard",
        ]

    def validate(self, data):
        kind, value = data.get("identifier_kind"), data.get("identifier_value")
        if bool(kind) != bool(value):
            raise serializers.ValidationError(
                {"identifier_value": _("Give both the kind and the number, or neither.")}
            )
        if kind:
            try:
                data["identifier_value"] = normalise(kind, value)
            except InvalidIdentifier as exc:
                raise serializers.ValidationError({"identifier_value": exc.message}) from exc
        team = teams_visible_to(self.context["request"].user).filter(pk=data["team"]).first()
        if team is None:
            raise serializers.ValidationError({"team": _("Unknown team.")})
        data["team"] = team
        if data.get("primary_worker"):
            worker = eligible_workers(team).filter(pk=data["primary_worker"]).first()
            if worker is None:
                raise serializers.ValidationError(
                    {"primary_worker": _("This person is not on the team's staff.")}
                )
            data["primary_worker"] = worker
        if kind and identifier_taken(team.program.organisation_id, kind, data["identifier_value"]):
            raise serializers.ValidationError(
                {"identifier_value": _("A person with this number is already registered.")}
            )
        return data


class LivingSituationSerializer(serializers.Serializer):
    code = serializers.ChoiceField(Situation.choices)
    on = serializers.DateField(validators=[past_date])
    lost_home = serializers.BooleanField(default=False)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=limit_of(LivingSituation, "note"),
    )


class PersonViewSet(AuditedUpdatable):
    """Persons within your reach. POST registers a person and opens their case."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Person.objects.visible_to(self.request.user)
            .prefetch_related("identifiers", "household")
            .order_by("id")
        )

    def get_serializer_class(self):
        return NewPersonSerializer if self.action == "create" else PersonSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in ("retrieve", "update", "partial_update"):
            person = self.get_object()
            context["show_identifiers"] = can_see_identifiers(self.request.user, person)
        return context

    def create(self, request, *args, **kwargs):
        serializer = NewPersonSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        d = dict(serializer.validated_data)
        team = d.pop("team")
        opening = Opening(
            team=team,
            opened_on=timezone.localdate(),
            target_group=d.pop("target_group"),
            intake_situation=int(d.pop("intake_situation")),
            life_history=d.pop("life_history", ""),
            primary_worker=d.pop("primary_worker", None),
        )
        kind, value = d.pop("identifier_kind", None), d.pop("identifier_value", None)
        confirm = d.pop("confirm_over_standard", False)
        try:
            with transaction.atomic():  # the person and their case, together or not at all
                person = Person.objects.create(
                    organisation=team.program.organisation, created_by=request.user, **d
                )
                if kind:
                    NationalIdentifier.objects.create(person=person, kind=kind, value=value)
                case = open_case(
                    person=person, opening=opening, by=request.user, confirm_over_standard=confirm
                )
        except OverStandard as exc:
            return over_standard_response(exc)
        except ValidationError as exc:
            raise django_errors_to_api(exc) from exc
        record(request, "create", person)
        record(request, "create", case)
        return Response(
            PersonSerializer(person, context={"show_identifiers": True}).data | {"case": case.pk},
            status=status.HTTP_201_CREATED,
        )

    def perform_update(self, serializer):
        expected = serializer.validated_data.pop("version")
        person = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(person, field, value)
        save_versioned(person, expected_version=expected)
        record(self.request, "change", person, detail={"fields": sorted(serializer.validated_data)})

    @extend_schema(request=LivingSituationSerializer, responses={201: LivingSituationSerializer})
    @action(detail=True, methods=["post"], url_path="living-situations")
    def living_situation(self, request, pk=None, **kwargs):
        """Record a new living situation. Losing the home never closes a case (R7)."""
        person = self.get_object()
        serializer = LivingSituationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        situation = record_living_situation(
            person,
            code=int(d["code"]),
            on=d["on"],
            by=request.user,
            note=d["note"],
            lost_home=d["lost_home"],
        )
        record(request, "create", situation, person_id=person.pk)
        return Response(
            serializer.data | {"is_housing_loss": situation.is_housing_loss},
            status=status.HTTP_201_CREATED,
        )


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("persons", PersonViewSet, basename="person")
