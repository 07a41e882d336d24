"""API endpoints of the directory, registered on the /api/v1/ router: resources (search and
filters as on the page), update suggestions (create; accept or reject by data administrators),
partners, their contacts and agreements. Organisation-scoped exactly like the pages: staff of
the organisation read, team leads, program managers and data administrators write, and every
update sends the version it read (409 when stale). A suggestion made from a case is a person's
record: reading it is audited."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from audit.log import record
from cases.models import Case
from directory import access, survey
from directory.models import (
    CollaborationAgreement,
    Partner,
    PartnerContact,
    Resource,
    ResourceUpdateSuggestion,
)
from hearth.api import (
    AuditedReadMixin,
    Conflict,
    ReadVersionField,
    VersionedUpdateMixin,
    django_errors_to_api,
    query_integer,
)
from hearth.concurrency import save_versioned
from hearth.serializers import ModelRules, WithinReach
from hearth.text import fold
from hearth.validators import limit_of


class _Versioned(serializers.ModelSerializer):
    version = ReadVersionField(updates_only=True)


class ResourceSerializer(_Versioned):
    needs_checking = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "id",
            "organisation",
            *Resource.EDITABLE_FIELDS,
            "active",
            "last_checked_on",
            "last_checked_by",
            "needs_checking",
            "version",
        ]
        read_only_fields = ["last_checked_by"]

    def get_needs_checking(self, resource) -> bool:
        return resource.needs_checking()

    def validate_organisation(self, organisation):
        user = self.context["request"].user
        if self.instance is not None and organisation.pk != self.instance.organisation_id:
            raise serializers.ValidationError(_("A resource cannot move to another organisation."))
        if not access.may_edit(user, organisation.pk):
            raise serializers.ValidationError(_("Unknown organisation."))
        return organisation


class PartnerSerializer(_Versioned):
    class Meta:
        model = Partner
        fields = ["id", "organisation", *Partner.EDITABLE_FIELDS, "version"]

    validate_organisation = ResourceSerializer.validate_organisation

    def validate(self, data):
        data = super().validate(data)
        resource = data.get("resource")
        organisation = data.get("organisation") or getattr(self.instance, "organisation", None)
        if resource and organisation and resource.organisation_id != organisation.pk:
            raise serializers.ValidationError({"resource": _("Unknown resource.")})
        return data


class _PartnerChild(_Versioned):
    def validate_partner(self, partner):
        user = self.context["request"].user
        if self.instance is not None and partner.pk != self.instance.partner_id:
            raise serializers.ValidationError(_("It cannot move to another partner."))
        if not access.may_edit(user, partner.organisation_id):
            raise serializers.ValidationError(_("Unknown partner."))
        return partner


class PartnerContactSerializer(_PartnerChild):
    class Meta:
        model = PartnerContact
        fields = ["id", "partner", *PartnerContact.EDITABLE_FIELDS, "version"]


class CollaborationAgreementSerializer(ModelRules, _PartnerChild):
    expired = serializers.SerializerMethodField()

    class Meta:
        model = CollaborationAgreement
        fields = ["id", "partner", *CollaborationAgreement.EDITABLE_FIELDS, "expired", "version"]

    def get_expired(self, agreement) -> bool:
        return agreement.is_expired()


class _OrganisationRecords(
    mixins.CreateModelMixin, VersionedUpdateMixin, viewsets.ReadOnlyModelViewSet
):
    """Read by the organisation's staff; created and changed by its editors, version-checked."""

    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    organisation_path = "organisation"

    def _organisation_id(self, obj) -> int:
        for step in self.organisation_path.split("__"):
            obj = getattr(obj, step)
        return obj.pk

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        serializer.save()

    def perform_update(self, serializer):
        obj = serializer.instance
        if not access.may_edit(self.request.user, self._organisation_id(obj)):
            raise PermissionDenied
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        for field, value in data.items():
            setattr(obj, field, value)
        save_versioned(obj, expected_version=expected)


class ResourceViewSet(_OrganisationRecords):
    """The local resource survey (R15). Filters: ``?q=`` (accent-insensitive, in name, summary
    and eligibility), ``?kind=``, ``?area=``, ``?language=``, ``?needs_checking=1``,
    ``?inactive=1`` to include resources no longer active."""

    queryset = Resource.objects.all()
    serializer_class = ResourceSerializer

    def get_queryset(self):
        params = self.request.query_params
        resources = access.resources_visible_to(self.request.user).order_by("name", "id")
        if self.action == "list":
            if params.get("inactive") != "1":
                resources = resources.active()
            resources = resources.search(params.get("q", ""))
            if params.get("kind"):
                resources = resources.filter(kind=params["kind"])
            if params.get("area"):
                resources = resources.filter(area=params["area"])
            if params.get("language"):
                resources = resources.filter(languages__icontains=params["language"])
            if params.get("needs_checking") == "1":
                resources = resources.needing_check()
        return resources

    def perform_create(self, serializer):
        serializer.validated_data.pop("version", None)
        serializer.save(last_checked_on=timezone.localdate(), last_checked_by=self.request.user)


class SuggestionSerializer(serializers.ModelSerializer):
    case = WithinReach(Case, message=_("Unknown case."), allow_null=True, required=False)

    class Meta:
        model = ResourceUpdateSuggestion
        fields = [
            "id",
            "organisation",
            "resource",
            "resource_version",
            "changes",
            "note",
            "case",
            "suggested_by",
            "created_at",
            "status",
            "reason",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = [
            "organisation",
            "resource_version",
            "suggested_by",
            "created_at",
            "status",
            "reason",
            "decided_by",
            "decided_at",
        ]

    def validate_resource(self, resource):
        user = self.context["request"].user
        if resource and not access.resources_visible_to(user).filter(pk=resource.pk).exists():
            raise serializers.ValidationError(_("Unknown resource."))
        return resource

    def validate_changes(self, changes):
        if not isinstance(changes, dict):
            raise serializers.ValidationError(_("Send the changes as field: value."))
        unknown = sorted(set(changes) - set(Resource.EDITABLE_FIELDS))
        if unknown:
            raise serializers.ValidationError(
                _("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(unknown)}
            )
        if not all(isinstance(v, str) for v in changes.values()):
            raise serializers.ValidationError(_("Every value is text."))
        return changes

    def validate(self, data):
        user = self.context["request"].user
        resource, case = data.get("resource"), data.get("case")
        changes = data.get("changes") or {}
        if resource is not None:
            organisation = resource.organisation
            draft = Resource.objects.get(pk=resource.pk)
        else:
            if case is not None:
                organisation = case.program.organisation
            else:
                organisation = access.staff_organisations(user).first()
            draft = Resource(organisation=organisation)
        if organisation is None or not access.staff_organisations(user).filter(pk=organisation.pk):
            raise serializers.ValidationError(_("Unknown organisation."))
        if case is not None and case.program.organisation_id != organisation.pk:
            raise serializers.ValidationError({"case": _("Unknown case.")})
        if not changes and not data.get("note", "").strip():
            raise serializers.ValidationError(
                _("Change at least one field, or write a note saying what is out of date.")
            )
        for field, value in changes.items():
            setattr(draft, field, value)
        others = [f.name for f in Resource._meta.fields if f.name not in changes]
        try:
            draft.clean_fields(exclude=others if resource is not None else ["organisation"])
        except DjangoValidationError as exc:
            raise django_errors_to_api(exc) from exc
        data["organisation"] = organisation
        return data


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=limit_of(ResourceUpdateSuggestion, "reason"))


class SuggestionViewSet(AuditedReadMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Suggested updates of the survey: their author and the organisation's data administrators
    see them. POST creates one (``resource`` empty proposes a new resource; ``case`` when made
    from a case). ``accept`` applies it (409 when the resource changed since), ``reject`` needs
    a ``reason``."""

    permission_classes = [IsAuthenticated]
    queryset = ResourceUpdateSuggestion.objects.all()
    serializer_class = SuggestionSerializer

    def _person_id(self, obj):
        return obj.case.person_id if obj.case_id else None

    def get_queryset(self):
        suggestions = access.suggestions_visible_to(self.request.user).select_related("case")
        status = self.request.query_params.get("status")
        if status:
            suggestions = suggestions.filter(status=status)
        return suggestions.order_by("-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        suggestion = survey.suggest(
            organisation=data["organisation"],
            resource=data.get("resource"),
            changes=data.get("changes") or {},
            note=data.get("note", "").strip(),
            by=self.request.user,
            case=data.get("case"),
        )
        serializer.instance = suggestion
        if suggestion.case_id:
            record(self.request, "create", suggestion, person_id=suggestion.case.person_id)

    def _for_review(self):
        suggestion = self.get_object()
        if not access.may_review(self.request.user, suggestion.organisation_id):
            raise PermissionDenied
        return suggestion

    def _decided(self, suggestion):
        if suggestion.case_id:
            record(self.request, "change", suggestion, person_id=suggestion.case.person_id)
        suggestion.refresh_from_db()
        return Response(self.get_serializer(suggestion).data)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None, **kwargs):
        suggestion = self._for_review()
        try:
            survey.accept(suggestion, by=request.user)
        except survey.AlreadyDecided as exc:
            raise Conflict(detail=str(exc.message)) from exc
        except DjangoValidationError as exc:
            raise django_errors_to_api(exc) from exc
        return self._decided(suggestion)

    @action(detail=True, methods=["post"], serializer_class=RejectSerializer)
    def reject(self, request, pk=None, **kwargs):
        suggestion = self._for_review()
        form = RejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reason = form.validated_data["reason"].strip()
        if not reason:
            raise serializers.ValidationError({"reason": _("Say why the suggestion is not taken.")})
        try:
            survey.reject(suggestion, by=request.user, reason=reason)
        except survey.AlreadyDecided as exc:
            raise Conflict(detail=str(exc.message)) from exc
        return self._decided(suggestion)

    def get_serializer_class(self):
        return SuggestionSerializer


class PartnerViewSet(_OrganisationRecords):
    """Partners (R14, R24, R30); ``?q=`` searches the name, ``?kind=`` filters."""

    queryset = Partner.objects.all()
    serializer_class = PartnerSerializer

    def get_queryset(self):
        partners = access.partners_visible_to(self.request.user).order_by("name", "id")
        params = self.request.query_params
        if params.get("q"):
            partners = partners.filter(search_name__contains=fold(params["q"]))
        if params.get("kind"):
            partners = partners.filter(kind=params["kind"])
        return partners


class _ChildViewSet(_OrganisationRecords):
    organisation_path = "partner__organisation"
    id_filters = {"partner": "Only this partner's."}

    def get_queryset(self):
        records = self.queryset.model.objects.filter(
            partner__in=access.partners_visible_to(self.request.user)
        ).order_by("id")
        partner = query_integer(self.request, "partner")
        if partner is not None:
            records = records.filter(partner_id=partner)
        return records


class PartnerContactViewSet(_ChildViewSet):
    """People to call at a partner; ``?partner=<id>``."""

    queryset = PartnerContact.objects.all()
    serializer_class = PartnerContactSerializer


class AgreementViewSet(_ChildViewSet):
    """Collaboration agreements with partners; ``?partner=<id>``. ``expired`` says whether the
    end date has passed (nothing happens automatically)."""

    queryset = CollaborationAgreement.objects.all()
    serializer_class = CollaborationAgreementSerializer


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("directory-resources", ResourceViewSet, basename="directory_resource")
    router.register("directory-suggestions", SuggestionViewSet, basename="directory_suggestion")
    router.register("directory-partners", PartnerViewSet, basename="directory_partner")
    router.register(
        "directory-partner-contacts", PartnerContactViewSet, basename="directory_contact"
    )
    router.register("directory-agreements", AgreementViewSet, basename="directory_agreement")
