from rest_framework import serializers

from cases.caseload import team_gauges
from hearth.api import ReadOnlyAudited
from programs.access import programs_visible_to, teams_visible_to
from programs.models import Membership, Program, Team


class ProgramSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = [
            "id",
            "organisation",
            "name",
            "model",
            "persons_per_worker",
            "coverage_policy",
            "meeting_cadence",
            "time_unlimited",
            "weekly_visits_months",
            "target_group",
            "approach",
            "expected_effect",
        ]


class TeamSerializer(serializers.ModelSerializer):
    caseload = serializers.SerializerMethodField()

    class Meta:
        model = Team
        fields = ["id", "program", "name", "phone", "caseload"]

    def get_caseload(self, team) -> dict:
        gauge = self.context["gauges"].get(team.pk)
        return {
            "persons": gauge.count,
            "capacity": gauge.capacity_display,
            "standard": gauge.standard,
            "state": gauge.state,
            "free": gauge.free,
        }


class MembershipSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "name",
            "organisation",
            "program",
            "team",
            "role",
            "fte",
            "start_date",
            "end_date",
        ]


class ProgramViewSet(ReadOnlyAudited):
    queryset = Program.objects.all()
    serializer_class = ProgramSerializer

    def get_queryset(self):
        return programs_visible_to(self.request.user).order_by("id")


class TeamViewSet(ReadOnlyAudited):
    """Teams with their live caseload against the program's standard (R4)."""

    queryset = Team.objects.all()
    serializer_class = TeamSerializer

    def get_queryset(self):
        return teams_visible_to(self.request.user).order_by("id")

    def get_serializer(self, *args, **kwargs):
        teams = args[0] if args else []
        teams = [teams] if isinstance(teams, Team) else list(teams)
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["gauges"] = team_gauges(teams)
        return super().get_serializer(*args, **kwargs)


class MembershipViewSet(ReadOnlyAudited):
    """Staff of the teams and programs within your reach: role, FTE, dates."""

    queryset = Membership.objects.all()
    serializer_class = MembershipSerializer

    def get_queryset(self):
        teams = teams_visible_to(self.request.user)
        return Membership.objects.filter(team__in=teams).select_related("user").order_by("id")


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("programs", ProgramViewSet, basename="program")
    router.register("teams", TeamViewSet, basename="team")
    router.register("staff", MembershipViewSet, basename="staff")
