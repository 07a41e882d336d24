from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from housing.situations import Group, Situation, group_of


class LivingSituationQuerySet(models.QuerySet):
    def current_for(self, person_ids) -> dict[int, "LivingSituation"]:
        """The latest living situation of each person, in one query."""
        latest: dict[int, LivingSituation] = {}
        for situation in self.filter(person_id__in=person_ids).order_by(
            "person_id", "-started_on", "-id"
        ):
            latest.setdefault(situation.person_id, situation)
        return latest


class LivingSituation(models.Model):
    """Where a person lives from a date on (R6). Their own timeline, never the case's (R7):
    recording a new situation — losing a home included — never closes or pauses a case."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="living_situations",
        verbose_name=_("person"),
    )
    code = models.PositiveSmallIntegerField(_("living situation"), choices=Situation.choices)
    started_on = models.DateField(_("from"), default=timezone.localdate)
    is_move_in = models.BooleanField(
        _("move-in to a home of their own"), default=False, editable=False
    )
    is_housing_loss = models.BooleanField(_("the home was lost"), default=False, editable=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = LivingSituationQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("living situation")
        verbose_name_plural = _("living situations")

    def __str__(self) -> str:
        return f"{self.started_on}: {self.get_code_display()}"

    @property
    def group(self) -> Group:
        return group_of(self.code)
