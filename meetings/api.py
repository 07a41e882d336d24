from rest_framework import serializers

from cases.models import Case
from hearth.api import ReadOnlyAudited
from meetings.models import CaseConference, MeetingEntry, TeamMeeting
from programs.access import teams_visible_to


class EntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingEntry
        fields = ["case", "line", "reviewed"]


class MeetingSerializer(serializers.ModelSerializer):
    entries = EntrySerializer(many=True, read_only=True)

    class Meta:
        model = TeamMeeting
        fields = ["id", "team", "on", "attendees", "notes", "entries"]


class ConferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseConference
        fields = [
            "id",
            "case",
            "scheduled_for",
            "purpose",
            "participants",
            "partners",
            "person_present",
            "status",
            "strategy",
            "plan_reference",
        ]


class MeetingViewSet(ReadOnlyAudited):
    """Saved team meetings with who attended and which persons were reviewed (DACTS H3)."""

    queryset = TeamMeeting.objects.all()
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return (
            TeamMeeting.objects.filter(team__in=teams_visible_to(self.request.user))
            .prefetch_related("entries", "attendees")
            .order_by("-on")
        )


class ConferenceViewSet(ReadOnlyAudited):
    queryset = CaseConference.objects.all()
    serializer_class = ConferenceSerializer

    def get_queryset(self):
        return (
            CaseConference.objects.filter(case__in=Case.objects.visible_to(self.request.user))
            .select_related("case")
            .prefetch_related("participants")
            .order_by("-id")
        )

    def _person_id(self, obj):
        return obj.case.person_id


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("conferences", ConferenceViewSet, basename="conference")
