"""API endpoints of the referrals app, registered on /api/v1/ by hearth/urls.py: referrals (list,
read, send, follow up with the version read → 409 when stale), consents (list, read, record,
withdraw), barriers (list within reach, read, record) and the barrier report (aggregates).
The same reach and rules as the pages; every read of a person's record is audited."""

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
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
from hearth.serializers import WithinReach
from hearth.signatures import given_way
from hearth.validators import near_date, past_date
from people.models import Person
from referrals.access import barriers_visible_to, consents_visible_to, referrals_visible_to
from referrals.barriers import record_barrier
from referrals.consent import ConsentRequired, record_consent, withdraw_consent
from referrals.models import (
    Barrier,
    BarrierCategory,
    Consent,
    Referral,
    SharedCategory,
)
from referrals.report import Filters, barrier_counts, may_open_report, report_programs, report_teams
from referrals.workflow import (
    Accompaniment,
    ReferralRefused,
    accompany,
    send_referral,
    update_referral,
)
from visits.models import Contact


class ReferralSerializer(serializers.ModelSerializer):
    case = WithinReach(Case, message=_("Unknown case."))
    shares = serializers.ListField(
        child=serializers.ChoiceField(choices=SharedCategory.choices), required=False
    )
    accompany_at = serializers.DateTimeField(
        write_only=True,
        required=False,
        validators=[near_date],
        help_text="On create: plan an accompaniment on your agenda at this time.",
    )
    version = ReadVersionField(updates_only=True)
    sharing_stopped_on = serializers.SerializerMethodField()
    visit = serializers.PrimaryKeyRelatedField(
        source="contact",
        queryset=Contact.objects.all(),
        required=False,
        allow_null=True,
        help_text="The visit (contact) of the same case the referral came from.",
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "resource",
            "partner",
            "purpose",
            "shares",
            "shared_note",
            "status",
            "refusal_reason",
            "sent_on",
            "follow_up_on",
            "outcome_note",
            "consent",
            "appointment",
            "visit",
            "accompany_at",
            "sent_by",
            "created_at",
            "version",
            "sharing_stopped_on",
        ]
        read_only_fields = ["consent", "appointment", "sent_by", "created_at"]

    def get_sharing_stopped_on(self, referral) -> date | None:
        return referral.sharing_stopped_on(on=timezone.localdate())

    def validate_case(self, case):
        if self.instance is not None and case.pk != self.instance.case_id:
            raise serializers.ValidationError(_("A referral cannot move to another case."))
        return case


class AccompanySerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(validators=[near_date])
    minutes = serializers.IntegerField(min_value=5, max_value=720, default=60)
    version = ReadVersionField(help_text="The referral's version you read (or If-Match).")


class ReferralViewSet(mixins.CreateModelMixin, VersionedUpdateMixin, ReadOnlyAudited):
    """Referrals of the cases within reach (R14, R30); ``?case=<id>`` for one case. Sharing
    personal information needs the person's valid consent for the receiver (R35). An update
    records the answer or outcome; ``refused`` needs ``refusal_reason`` and records a barrier."""

    queryset = Referral.objects.all()
    serializer_class = ReferralSerializer
    id_filters = {"case": "Only this case's referrals."}
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _person_id(self, obj):
        return obj.case.person_id

    def get_queryset(self):
        queryset = (
            referrals_visible_to(self.request.user)
            .select_related("case", "consent")
            .order_by("-id")
        )
        case = query_integer(self.request, "case")
        if case is not None:
            queryset = queryset.filter(case_id=case)
        return queryset

    def perform_create(self, serializer):
        data = serializer.validated_data
        accompany_at = data.get("accompany_at")
        try:
            referral = send_referral(
                case=data["case"],
                by=self.request.user,
                resource=data.get("resource"),
                partner=data.get("partner"),
                purpose=data.get("purpose", ""),
                shares=data.get("shares", []),
                shared_note=data.get("shared_note", ""),
                sent_on=data.get("sent_on") or timezone.localdate(),
                follow_up_on=data.get("follow_up_on"),
                accompaniment=Accompaniment(starts_at=accompany_at) if accompany_at else None,
                contact=data.get("contact"),
            )
        except ConsentRequired as exc:
            raise serializers.ValidationError({"shares": [exc.message]}) from exc
        except ReferralRefused as exc:
            raise serializers.ValidationError(
                {exc.field or "non_field_errors": [exc.message]}
            ) from exc
        serializer.instance = referral
        record(self.request, "create", referral, person_id=referral.case.person_id)

    def perform_update(self, serializer):
        data = serializer.validated_data
        referral = serializer.instance
        try:
            update_referral(
                referral,
                by=self.request.user,
                on=timezone.localdate(),
                expected_version=data["version"],
                status=data.get("status", referral.status),
                refusal_reason=data.get("refusal_reason", referral.refusal_reason),
                follow_up_on=data.get("follow_up_on", referral.follow_up_on),
                outcome_note=data.get("outcome_note", referral.outcome_note),
                contact=data.get("contact"),
            )
        except ConsentRequired as exc:
            raise serializers.ValidationError({"non_field_errors": [exc.message]}) from exc
        except ReferralRefused as exc:
            raise serializers.ValidationError(
                {exc.field or "non_field_errors": [exc.message]}
            ) from exc
        record(
            self.request,
            "change",
            referral,
            person_id=referral.case.person_id,
            detail={"status": referral.status},
        )

    @extend_schema(request=AccompanySerializer, responses={200: ReferralSerializer})
    @action(detail=True, methods=["post"], serializer_class=AccompanySerializer)
    def accompany(self, request, pk=None, **kwargs):
        """Plan an accompaniment for a referral already sent or accepted: an appointment on
        your agenda. 409 when the referral changed since you read it."""
        referral = self.get_object()
        body = AccompanySerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            appointment = accompany(
                referral,
                Accompaniment(starts_at=data["starts_at"], minutes=data["minutes"]),
                by=request.user,
                expected_version=data["version"],
            )
        except ReferralRefused as exc:
            raise serializers.ValidationError({"starts_at": [exc.message]}) from exc
        record(
            request,
            "create",
            appointment,
            person_id=referral.case.person_id,
            detail={"referral": referral.pk},
        )
        data = ReferralSerializer(referral, context={"request": request}).data
        return with_etag(Response(data), referral)


class ConsentSerializer(serializers.ModelSerializer):
    person = WithinReach(Person, message=_("Unknown person."))
    state = serializers.SerializerMethodField()
    signature = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        help_text="The person's signature drawn on the screen, as a PNG data URL "
        "(data:image/png;base64,…). With it the consent is signed on the screen (given today) "
        "and its signed copy, a PDF, is kept as the person's document; without it, "
        "given_how is signed_paper or aloud_witnessed (with a witness).",
    )

    class Meta:
        model = Consent
        fields = [
            "id",
            "person",
            "purpose",
            "partner",
            "resource",
            "given_on",
            "given_how",
            "witness",
            "signature",
            "signed_copy",
            "expires_on",
            "scope_note",
            "withdrawn_on",
            "withdrawn_by",
            "withdrawal_note",
            "recorded_by",
            "created_at",
            "version",
            "state",
        ]
        read_only_fields = [
            "signed_copy",
            "withdrawn_on",
            "withdrawn_by",
            "withdrawal_note",
            "recorded_by",
            "created_at",
            "version",
        ]
        extra_kwargs = {
            "given_how": {"required": False},
            "signed_copy": {
                "help_text": "The signed copy (a document id) when signed on the screen."
            },
        }

    def get_state(self, consent) -> str:
        return consent.state(on=timezone.localdate())

    def validate(self, data):
        person = data.get("person")
        for field in ("partner", "resource"):
            receiver = data.get(field)
            if (
                receiver is not None
                and person is not None
                and receiver.organisation_id != person.organisation_id
            ):
                raise serializers.ValidationError(
                    {field: _("Choose an organisation from your directory.")}
                )
        # "Signed on the screen" only with the signature itself: the same rule as the page.
        try:
            data["given_how"] = given_way(
                way=data.get("given_how", ""),
                signature=data.get("signature", ""),
                witness=data.get("witness", ""),
            )
        except DjangoValidationError as exc:
            raise django_errors_to_api(exc) from exc
        return data


class WithdrawSerializer(serializers.Serializer):
    version = ReadVersionField()
    withdrawn_on = serializers.DateField(
        required=False, help_text="Default: today.", validators=[past_date]
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ConsentViewSet(mixins.CreateModelMixin, ReadOnlyAudited):
    """The consents of persons within reach (R35); ``?person=<id>`` for one person. A consent
    is never changed or deleted: POST ``withdraw`` records its withdrawal, effective at once.
    Recording one with ``signature`` (the PNG the person drew on the phone) makes it signed on
    the screen and keeps its signed copy (``signed_copy``, a document of the person);
    ``given_how: signed_screen`` without a signature is refused."""

    queryset = Consent.objects.all()
    serializer_class = ConsentSerializer
    id_filters = {"person": "Only this person's consents."}

    def get_queryset(self):
        queryset = consents_visible_to(self.request.user).defer("signature").order_by("-id")
        person = query_integer(self.request, "person")
        if person is not None:
            queryset = queryset.filter(person_id=person)
        return queryset

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        person = data.pop("person")
        try:
            consent = record_consent(person=person, by=self.request.user, **data)
        except DjangoValidationError as exc:
            raise django_errors_to_api(exc) from exc
        serializer.instance = consent
        record(self.request, "create", consent, person_id=person.pk)
        if consent.signed_copy is not None:
            record(self.request, "create", consent.signed_copy, person_id=person.pk)

    @extend_schema(request=WithdrawSerializer, responses=ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        consent = self.get_object()
        payload = WithdrawSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            withdraw_consent(
                consent,
                by=request.user,
                on=data.get("withdrawn_on") or timezone.localdate(),
                note=data.get("note", ""),
                expected_version=data["version"],
            )
        except ConsentRequired as exc:
            raise serializers.ValidationError({"non_field_errors": [exc.message]}) from exc
        record(
            request,
            "change",
            consent,
            person_id=consent.person_id,
            detail={"fields": ["withdrawn_on"]},
        )
        data = ConsentSerializer(consent, context={"request": request}).data
        return with_etag(Response(data), consent)


class BarrierSerializer(serializers.ModelSerializer):
    case = WithinReach(Case, message=_("Unknown case."))

    class Meta:
        model = Barrier
        fields = [
            "id",
            "case",
            "category",
            "area",
            "on",
            "description",
            "recorded_by",
            "source_referral",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "source_referral", "created_at"]


class BarrierViewSet(mixins.CreateModelMixin, ReadOnlyAudited):
    """Barriers met by persons within reach (R37): unmet needs, refused referrals, housing and
    benefits denied; ``?case=<id>`` for one case."""

    queryset = Barrier.objects.all()
    serializer_class = BarrierSerializer
    id_filters = {"case": "Only this case's barriers."}

    def _person_id(self, obj):
        return obj.case.person_id

    def get_queryset(self):
        queryset = barriers_visible_to(self.request.user).select_related("case").order_by("-id")
        case = query_integer(self.request, "case")
        if case is not None:
            queryset = queryset.filter(case_id=case)
        return queryset

    def perform_create(self, serializer):
        data = serializer.validated_data
        barrier = record_barrier(
            case=data["case"],
            category=data["category"],
            on=data.get("on") or timezone.localdate(),
            description=data["description"],
            area=data.get("area", "").strip(),
            by=self.request.user,
        )
        serializer.instance = barrier
        record(self.request, "create", barrier, person_id=barrier.case.person_id)


class BarrierReportRowSerializer(serializers.Serializer):
    month = serializers.DateField()
    category = serializers.ChoiceField(choices=BarrierCategory.choices)
    area = serializers.CharField()
    count = serializers.IntegerField()


class BarrierReportViewSet(viewsets.ViewSet):
    """Barriers counted by month × category × area for the teams, programs or organisation
    the user oversees (team leads, program managers, data administrators; anyone else gets an
    empty list). Filters: ``start``, ``end`` (YYYY-MM-DD), ``program``, ``team``,
    ``category``, ``area``. No person appears."""

    permission_classes = [IsAuthenticated]
    id_filters = {"program": "Only this program.", "team": "Only this team."}

    @extend_schema(responses=BarrierReportRowSerializer(many=True))
    def list(self, request, *args, **kwargs):
        user = request.user
        if not may_open_report(user):
            return Response({"count": 0, "results": []})
        params = request.query_params
        parsed = {}
        for key in ("start", "end"):
            if params.get(key):
                try:
                    parsed[key] = serializers.DateField().to_internal_value(params[key])
                except serializers.ValidationError as exc:
                    raise serializers.ValidationError({key: exc.detail}) from exc
        program = team = None
        if (program_id := query_integer(request, "program")) is not None:
            program = report_programs(user).filter(pk=program_id).first()
            if program is None:
                return Response({"count": 0, "results": []})
        if (team_id := query_integer(request, "team")) is not None:
            team = report_teams(user).filter(pk=team_id).first()
            if team is None:
                return Response({"count": 0, "results": []})
        rows = barrier_counts(
            user,
            Filters(
                start=parsed.get("start"),
                end=parsed.get("end"),
                program=program,
                team=team,
                category=params.get("category", ""),
                area=params.get("area", ""),
            ),
        )
        record(request, "view", object_type="referrals.BarrierReport", detail={"rows": len(rows)})
        data = BarrierReportRowSerializer(rows, many=True).data
        return Response({"count": len(data), "results": data})


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("referrals", ReferralViewSet, basename="referral")
    router.register("consents", ConsentViewSet, basename="consent")
    router.register("barriers", BarrierViewSet, basename="barrier")
    router.register("barrier-report", BarrierReportViewSet, basename="barrier_report")
