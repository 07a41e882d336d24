"""API of the feedback app, registered on the /api/v1/ router: survey rounds of the programs
the user works in, and a round's aggregated results with the same rule as the page — nothing
of a group with fewer than five answers (R35, R36). No answer sheet is ever served."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from feedback.access import result_teams, rounds_visible_to
from feedback.models import Round
from feedback.results import round_results
from feedback.survey import MIN_GROUP


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = [
            "id",
            "program",
            "title",
            "opens_on",
            "closes_on",
            "persons_version",
            "staff_version",
        ]


def _group(group) -> dict:
    data = {
        "team": group.team.pk if group.team else None,
        "answers": group.n,
        "shown": group.shown,
        "questions": [],
        "comments": group.comments,
    }
    if group.shown:
        data["questions"] = [
            {
                "code": r.question.code,
                "topic": r.question.topic,
                "answers": r.n,
                "mean": str(r.mean) if r.shown else None,
                "distribution": {str(v): c for v, _w, c, _p in r.distribution},
            }
            for r in group.questions
        ]
    return data


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = RoundSerializer
    queryset = Round.objects.none()  # the schema's model; get_queryset gives the reach

    def get_queryset(self):
        return rounds_visible_to(self.request.user)

    @extend_schema(responses={200: dict})
    @action(detail=True)
    def results(self, request: Request, pk=None, format=None) -> Response:
        """Per survey: the whole round and each team, a group's figures only from five
        answers up (``shown`` false and no questions below that). Program managers and data
        administrators see every group; team leads their own teams; others 403."""
        round_ = self.get_object()
        groups = round_results(round_, teams=result_teams(request.user, round_))
        return Response(
            {
                "round": round_.pk,
                "min_group": MIN_GROUP,
                "groups": {audience: [_group(g) for g in gs] for audience, gs in groups.items()},
            }
        )


def register(router) -> None:
    router.register("feedback-rounds", RoundViewSet, basename="feedback_round")
