"""Staff roles and what each may do. One home for role rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", _("ICM case manager")
    MONITORING_AGENT = "monitoring_agent", _("Monitoring agent")
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
    DOCTOR = "doctor", _("Doctor")
    NURSE = "nurse", _("Nurse")
    SUBSTANCE_USE = "substance_use_specialist", _("Substance-use specialist")
    VOCATIONAL = "vocational_specialist", _("Vocational specialist")
    PEER_WORKER = "peer_worker", _("Peer worker")
    HOUSING_WORKER = "housing_worker", _("Housing worker")
    TEAM_LEAD = "team_lead", _("Team lead")
    PROGRAM_MANAGER = "program_manager", _("Program manager")
    DATA_ADMINISTRATOR = "data_administrator", _("Data administrator")


# Where a membership attaches: most roles belong to a team; these two reach wider.
PROGRAM_ROLES = frozenset({Role.PROGRAM_MANAGER})
ORGANISATION_ROLES = frozenset({Role.DATA_ADMINISTRATOR})
TEAM_ROLES = frozenset(Role) - PROGRAM_ROLES - ORGANISATION_ROLES

# Who may hold a person's caseload as primary worker or backup (ICM) / primary contact (ACT).
CASE_HOLDING_ROLES = frozenset(TEAM_ROLES - {Role.TEAM_LEAD})
# Who counts in an ICM caseload ratio (the case managers themselves).
ICM_CASELOAD_ROLES = frozenset({Role.CASE_MANAGER})
# DACTS H1 counts every team member except the psychiatrist; the lead counts too.
ACT_CASELOAD_EXCLUDED = frozenset({Role.PSYCHIATRIST})

# Who oversees the work of a team: sees the access log of a person's record, leads coverage.
OVERSIGHT_ROLES = frozenset({Role.TEAM_LEAD, Role.PROGRAM_MANAGER, Role.DATA_ADMINISTRATOR})

# National identifiers are needed for benefits, housing applications and data quality, not
# for clinical or peer work: only these roles see them (R35, trauma-informed care).
IDENTIFIER_ROLES = frozenset(
    {Role.CASE_MANAGER, Role.HOUSING_WORKER, Role.TEAM_LEAD, Role.DATA_ADMINISTRATOR}
)
