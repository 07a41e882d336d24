from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("viewed")
    LIST = "list", _("listed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    SEARCH = "search", _("searched")
    DOWNLOAD = "download", _("downloaded")


class AuditEventQuerySet(models.QuerySet):
    def for_person(self, person_id: int) -> "AuditEventQuerySet":
        return self.filter(
            models.Q(person_id=person_id) | models.Q(listed_person_ids__contains=f",{person_id},")
        )


class AuditEvent(models.Model):
    """Who did what to which person's record, and when. Append-only.

    The person is kept as a plain id, not a foreign key, so the trail outlives any record.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    username = models.CharField(max_length=150)
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.BigIntegerField(null=True, db_index=True)
    # For lists (a caseload page, an API page): ",12,15,19," so one row covers the whole page.
    listed_person_ids = models.TextField(blank=True)
    channel = models.CharField(max_length=10, default="web")
    path = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"
