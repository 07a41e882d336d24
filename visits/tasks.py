"""Background work through Django's tasks framework: run in process by default, a real worker
queue in production (TASKS setting)."""

from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.models import User
from visits.due import due_for


@task
def send_daily_digest(user_id: int) -> bool:
    """E-mail one worker what is due today. Initials only: e-mail is not a case file."""
    user = User.objects.filter(pk=user_id, is_active=True, daily_digest=True).first()
    if user is None or not user.email:
        return False
    with translation.override(user.language or None), timezone.override(_zone_of(user)):
        due = due_for(user, today=timezone.localdate())
        if not due:
            return False
        body = render_to_string("visits/digest.txt", {"due": due, "user": user})
        subject = ngettext(
            "Hearth: %(count)s thing due today", "Hearth: %(count)s things due today", due.count
        ) % {"count": due.count}
    send_mail(subject, body, None, [user.email])
    return True


def _zone_of(user):
    import zoneinfo

    membership = user.memberships.select_related("organisation").order_by("id").first()
    return zoneinfo.ZoneInfo(membership.organisation.time_zone) if membership else None
