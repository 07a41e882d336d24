from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. What they may see follows from their memberships (programs app)."""

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    daily_digest = models.BooleanField(
        _("daily e-mail of what is due"),
        default=False,
        help_text=_(
            "Each morning: visits due and overdue, reports missing, crisis "
            "follow-ups. No names of the people, only their initials."
        ),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def initials(self) -> str:
        parts = [self.first_name[:1], self.last_name[:1]]
        return "".join(parts).upper() or self.username[:2].upper()
