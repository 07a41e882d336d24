"""The words of the feedback surveys, in Hearth's catalogs (the survey files hold only codes,
so a translation never changes what an answer means). Hearth's own wording (R36)."""

from django.utils.translation import gettext_lazy as _

AUDIENCES = {
    "persons": _("Survey for the persons we support"),
    "staff": _("Survey for staff"),
}

TOPICS = {
    "heard": _("Being heard"),
    "choice": _("Choice"),
    "safety": _("Safety"),
    "trust": _("Trust"),
    "workload": _("Workload"),
    "supervision": _("Supervision"),
    "team": _("Team support"),
}

# The agreement scale in plain words, from 1 to 5.
ANSWERS = {
    1: _("No, not at all"),
    2: _("Not really"),
    3: _("In between"),
    4: _("Mostly"),
    5: _("Yes, completely"),
}

QUESTIONS = {
    "P1": _("The team listens to what I have to say."),
    "P2": _("I am taken seriously when I talk about what matters to me."),
    "P3": _("I decide what help I get, and when."),
    "P4": _("I had a real say in choosing where I live."),
    "P5": _("I feel safe when I meet the team."),
    "P6": _("The team respects my home and my privacy."),
    "P7": _("I can count on the team to do what they say they will do."),
    "P8": _("If something went wrong, I could tell the team."),
    "P_BETTER": _("What would make the support better for you? (you may leave this empty)"),
    "S1": _("My caseload lets me give each person the time they need."),
    "S2": _("I can finish my work without often staying late."),
    "S3": _("I get regular supervision that helps me in my work."),
    "S4": _("I can talk a difficult situation through with my lead when I need to."),
    "S5": _("My colleagues step in when I need help."),
    "S6": _("Our team meetings help me support people better."),
    "S7": _("I feel safe on home visits and out in the community."),
    "S8": _("After something frightening at work, I get the support I need."),
    "S_BETTER": _("What would make your work better? (you may leave this empty)"),
}
