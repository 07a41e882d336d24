"""The eight life areas of the Danish ICM method manual (seed 003): one list for the life-areas
scale, the vulnerability framework and the person's goals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeArea(models.TextChoices):
    HOUSING = "housing", _("Housing")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    FINANCES = "finances", _("Finances")
    DAILY_ACTIVITIES = "daily_activities", _("Daily activities")
    NETWORK = "network", _("Network and relations")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    EDUCATION_EMPLOYMENT = "education_employment", _("Education and employment")


# Areas whose details are sensitive (R35): shown only to the roles the program allows.
SENSITIVE_AREAS = frozenset({LifeArea.MENTAL_HEALTH, LifeArea.SUBSTANCE_USE})
