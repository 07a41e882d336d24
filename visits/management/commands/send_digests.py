"""Queue today's digest for every worker who asked for one. Run it once each morning
(cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from accounts.models import User
from visits.tasks import send_daily_digest


class Command(BaseCommand):
    help = "Queue the daily e-mail of what is due for each worker who asked for it."

    def handle(self, *args, **options) -> None:
        users = User.objects.filter(is_active=True, daily_digest=True).exclude(email="")
        count = 0
        for user_id in users.values_list("pk", flat=True):
            send_daily_digest.enqueue(user_id)
            count += 1
        self.stdout.write(f"{count} digests queued")
