"""The words of the DACTS items, in Hearth's catalogs (the scale file holds only codes and
numbers, so a translation never changes a rating)."""

from django.utils.translation import gettext_lazy as _

GROUPS = {
    "human_resources": _("Human resources"),
    "organizational_boundaries": _("Organisational boundaries"),
    "nature_of_services": _("Nature of services"),
}

ITEMS = {
    "H1": (_("Small caseload"), _("Clients per team member (the psychiatrist excluded)")),
    "H2": (
        _("Team approach"),
        _("Clients seen face to face by more than one staff member in two weeks (%)"),
    ),
    "H3": (_("Program meeting"), _("Team meetings a week that plan and review every client")),
    "H4": (_("Practicing team leader"), _("Share of the team leader's time in direct service (%)")),
    "H5": (_("Continuity of staffing"), _("Staff turnover over two years (%)")),
    "H6": (_("Staff capacity"), _("Share of full staffing held over twelve months (%)")),
    "H7": (_("Psychiatrist on staff"), _("Psychiatrist FTE per 100 clients")),
    "H8": (_("Nurse on staff"), _("Nurse FTE per 100 clients")),
    "H9": (
        _("Substance-use specialist on staff"),
        _("Substance-use specialist FTE per 100 clients"),
    ),
    "H10": (_("Vocational specialist on staff"), _("Vocational specialist FTE per 100 clients")),
    "H11": (_("Program size"), _("Staff FTE of the team")),
    "O1": (_("Explicit admission criteria"), _("The reviewer's judgment")),
    "O2": (_("Intake rate"), _("Most new clients in one month of the last six")),
    "O3": (
        _("Full responsibility for treatment services"),
        _("How many core services the team provides itself (the reviewer's judgment)"),
    ),
    "O4": (
        _("Responsibility for crisis services"),
        _("Share of the last four weeks' hours covered by a team member on shift or on call (%)"),
    ),
    "O5": (_("Responsibility for hospital admissions"), _("The reviewer's judgment")),
    "O6": (_("Responsibility for hospital discharge planning"), _("The reviewer's judgment")),
    "O7": (_("Time-unlimited services"), _("Clients who graduated in the last year (%)")),
    "S1": (_("In-vivo services"), _("Face-to-face contacts in the community (%)")),
    "S2": (_("No drop-out policy"), _("Clients of a year ago not lost to a drop-out (%)")),
    "S3": (_("Assertive engagement"), _("The reviewer's judgment")),
    "S4": (_("Intensity of services"), _("Face-to-face minutes per client per week")),
    "S5": (_("Frequency of contact"), _("Face-to-face contacts per client per week")),
    "S6": (
        _("Work with the support system"),
        _("Contacts with family, friends and other informal supports per client per month"),
    ),
    "S7": (_("Individualised substance-use treatment"), _("The reviewer's judgment")),
    "S8": (_("Dual-disorder treatment groups"), _("The reviewer's judgment")),
    "S9": (_("Dual-disorder model"), _("The reviewer's judgment")),
    "S10": (_("Role of peers on the team"), _("The reviewer's judgment")),
}

# Where the records behind an item can be seen (a URL name taking the team's id).
EVIDENCE = {
    **dict.fromkeys(
        ("H1", "H7", "H8", "H9", "H10", "H11", "O2", "O7", "S2"), "cases:team_caseload"
    ),
    **dict.fromkeys(("H2", "H4", "S1", "S4", "S5", "S6"), "cases:team_caseload"),
    "H3": "meetings:board",
    "O4": "roster:team",
}

# The figures an item was computed from, as shown beside it.
DETAIL = {
    "a_year_ago": _("clients a year ago"),
    "by_month": _("months with new clients"),
    "clients": _("clients"),
    "covered_hours": _("hours covered"),
    "dropped_out": _("dropped out"),
    "every_client_reviewed": _("every client reviewed"),
    "face_to_face": _("face-to-face contacts"),
    "fte": _("FTE"),
    "graduated": _("graduated"),
    "held_fte": _("FTE held"),
    "hours": _("hours"),
    "in_community": _("in the community"),
    "informal_supports": _("contacts with informal supports"),
    "lead_fte": _("team lead FTE"),
    "lead_minutes": _("team lead's face-to-face minutes"),
    "left": _("staff who left"),
    "mean_caseload": _("mean caseload"),
    "meetings": _("meetings"),
    "minutes": _("face-to-face minutes"),
    "needed_fte": _("FTE needed"),
    "positions": _("positions"),
    "several_staff": _("seen by several staff"),
    "staff": _("staff members"),
    "staff_fte": _("staff FTE"),
}
