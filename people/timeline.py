"""Everything that happened to a person, newest first: one query per kind of record."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from cases.models import CaseTransfer, ReadinessRecord, StageChange
from housing.models import LivingSituation
from people.models import Person
from visits.models import Contact


@dataclass
class Entry:
    on: date
    kind: str  # css hook: stage, housing, contact, transfer, readiness
    title: str
    text: str = ""
    by: str = ""
    program: str = ""


def timeline(person: Person, *, situations: list[LivingSituation] | None = None) -> list[Entry]:
    entries: list[Entry] = []
    for change in StageChange.objects.filter(case__person=person).select_related(
        "by", "case__program"
    ):
        title = (
            _("Case opened")
            if not change.from_stage
            else _("Stage: %(stage)s") % {"stage": change.get_to_stage_display()}
        )
        entries.append(
            Entry(change.on, "stage", title, change.note, str(change.by), str(change.case.program))
        )
    if situations is None:
        situations = list(
            LivingSituation.objects.filter(person=person).select_related("recorded_by")
        )
    for situation in situations:
        if situation.is_move_in:
            title = _("Moved in: %(situation)s")
        elif situation.is_housing_loss:
            title = _("Home lost — support continues: %(situation)s")
        else:
            title = _("Living situation: %(situation)s")
        entries.append(
            Entry(
                situation.started_on,
                "housing",
                title % {"situation": situation.get_code_display()},
                situation.note,
                str(situation.recorded_by),
            )
        )
    for contact in Contact.objects.filter(case__person=person).select_related(
        "recorded_by", "case__program"
    ):
        entries.append(
            Entry(
                contact.on,
                "contact",
                contact.get_kind_display(),
                contact.note,
                str(contact.recorded_by),
                str(contact.case.program),
            )
        )
    for transfer in CaseTransfer.objects.filter(case__person=person).select_related(
        "by", "from_team", "to_team"
    ):
        entries.append(
            Entry(
                transfer.on,
                "transfer",
                _("Transferred from %(from)s to %(to)s")
                % {"from": transfer.from_team, "to": transfer.to_team},
                transfer.reason,
                str(transfer.by),
            )
        )
    for record in ReadinessRecord.objects.filter(case__person=person).select_related("recorded_by"):
        entries.append(
            Entry(
                record.recorded_on,
                "readiness",
                _("Readiness: %(answer)s") % {"answer": record.get_feels_ready_display()},
                record.person_words,
                str(record.recorded_by),
            )
        )
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries
