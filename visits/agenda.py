"""A worker's day and week, and the private iCalendar feed for their phone."""

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.models import User
from visits.models import Appointment, AppointmentStatus


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Midnight to midnight in the active (the organisation's) time zone."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return start, end


def agenda(user: User, *, start: datetime, end: datetime) -> list[Appointment]:
    return list(
        Appointment.objects.for_staff(user)
        .between(start, end)
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related("case__person", "case__program")
        .prefetch_related(Prefetch("staff", queryset=User.objects.order_by("last_name")))
        .order_by("starts_at")
    )


def initials(person) -> str:
    names = [person.preferred_name or person.given_name, person.family_name]
    return "".join(f"{n[:1].upper()}." for n in names if n)


def ical(user: User, *, now: datetime) -> bytes:
    """The worker's appointments from a month back to three months ahead. Each event carries
    the person's initials and the kind of place only: a phone's calendar is not a case file."""
    calendar = Calendar()
    calendar.add("prodid", "-//Hearth//Agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Hearth agenda"))
    for appointment in agenda(user, start=now - timedelta(days=30), end=now + timedelta(days=90)):
        event = Event()
        event.add("uid", f"appointment-{appointment.pk}@hearth")
        event.add("dtstamp", now)
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.starts_at + timedelta(minutes=appointment.minutes))
        event.add(
            "summary", f"{initials(appointment.case.person)} · {appointment.get_kind_display()}"
        )
        event.add("location", appointment.get_place_display())
        calendar.add_component(event)
    return calendar.to_ical()
