"""Everything that happened to a person, newest first: one query per kind of record."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import CaseTransfer, ReadinessRecord, StageChange
from housing.models import LivingSituation
from meetings.models import CaseConference
from people.models import Person
from reports.models import templates_for_contact_exists
from visits.models import Contact, Crisis


@dataclass
class Entry:
    on: date
    kind: str  # css hook: stage, housing, contact, transfer, readiness
    title: str
    text: str = ""
    by: str = ""
    program: str = ""
    link: str = ""
    badge: str = ""  # "report missing", "draft": what the worker still owes the record


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
    contacts = (
        Contact.objects.filter(case__person=person)
        .select_related("recorded_by", "case__program", "report")
        .annotate(reported_on=templates_for_contact_exists())
    )
    for contact in contacts:
        report = getattr(contact, "report", None)
        badge = ""
        if report is None and contact.reported_on:
            badge = _("report missing")
        elif report is not None and not report.is_signed:
            badge = _("draft, not signed")
        entries.append(
            Entry(
                contact.on,
                "contact",
                contact.get_kind_display(),
                contact.note,
                str(contact.recorded_by),
                str(contact.case.program),
                link=reverse("reports:edit", args=[report.pk]) if report else "",
                badge=badge,
            )
        )
    for conference in CaseConference.objects.filter(case__person=person).select_related(
        "created_by"
    ):
        entries.append(
            Entry(
                timezone.localdate(conference.scheduled_for),
                "conference",
                _("Case conference (%(status)s)") % {"status": conference.get_status_display()},
                conference.strategy or conference.purpose,
                str(conference.created_by),
                link=reverse("meetings:conference_edit", args=[conference.case_id, conference.pk]),
            )
        )
    for crisis in Crisis.objects.filter(case__person=person).select_related("recorded_by"):
        entries.append(
            Entry(
                timezone.localdate(crisis.occurred_at),
                "crisis",
                _("Crisis (%(severity)s)") % {"severity": crisis.get_severity_display()},
                crisis.what,
                str(crisis.recorded_by),
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
