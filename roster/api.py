from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from hearth.api import ReadOnlyAudited, query_integer
from programs.access import teams_visible_to
from roster.coverage import coverage_summary, next_four_weeks
from roster.models import Shift


class ShiftSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shift
        fields = ["id", "team", "user", "kind", "starts_at", "ends_at"]


class GapSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    hours = serializers.FloatField()


class CoverageSerializer(serializers.Serializer):
    team = serializers.IntegerField()
    policy = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    required_hours = serializers.FloatField()
    covered_hours = serializers.FloatField()
    uncovered_hours = serializers.FloatField()
    gaps = GapSerializer(many=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("team", int, description="only this team's shifts")]
    )
)
class ShiftViewSet(ReadOnlyAudited):
    """Shifts and on-call duties of the teams within your reach (filter with ?team=<id>)."""

    queryset = Shift.objects.all()
    serializer_class = ShiftSerializer

    def get_queryset(self):
        shifts = Shift.objects.filter(team__in=teams_visible_to(self.request.user))
        if "team" in self.request.query_params and self.action == "list":
            shifts = shifts.filter(team_id=_team_id(self.request))
        return shifts.order_by("starts_at", "id")

    @extend_schema(
        parameters=[OpenApiParameter("team", int, required=True, description="team id")],
        responses=CoverageSerializer,
    )
    @action(detail=False, methods=["get"])
    def coverage(self, request: Request, format: str | None = None) -> Response:
        """Every uncovered hour of the team's coverage policy in the next four weeks."""
        team = get_object_or_404(teams_visible_to(request.user), pk=_team_id(request))
        period = next_four_weeks(team.program)
        summary = coverage_summary(team, start=period.start, end=period.end)
        data = {
            "team": team.pk,
            "policy": summary.policy,
            "start": summary.start,
            "end": summary.end,
            "required_hours": summary.required_hours,
            "covered_hours": summary.covered_hours,
            "uncovered_hours": summary.uncovered_hours,
            "gaps": [{"start": g.start, "end": g.end, "hours": g.hours} for g in summary.gaps],
        }
        return Response(CoverageSerializer(data).data)


def _team_id(request: Request) -> int:
    team = query_integer(request, "team")
    if team is None:
        raise ValidationError({"team": [_("Give the id of a team.")]})
    return team


def register(router) -> None:
    """Register this app's viewsets on the API router (hearth/urls.py)."""
    router.register("shifts", ShiftViewSet, basename="shift")
