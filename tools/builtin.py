"""Hearth's built-in instruments, in Hearth's own wording (R28).

Stored in English and shown through the catalogs: every title, label and choice is marked
with gettext_noop so makemessages extracts it, and is translated when an instrument is shown
(tools.definition.translated). A choice answer keeps its English label as its value, so an
assessment reads the same in every language.

Licensed instruments (the Outcomes Star family, VI-SPDAT) are not built in: a program that
holds a licence adds its own (shared/reference/models-and-standards.md).

Installed by data migrations through ``install``: changing a definition here and calling
``install`` again from a new migration adds a new version; assessments keep theirs.
"""

from django.utils.translation import gettext_noop

LIFE_AREAS_KEY = "life_areas"
COMPREHENSIVE_KEY = "comprehensive"

_VERY_HARD = gettext_noop("very hard")
_GOING_WELL = gettext_noop("going well")
_OWN_WORDS = gettext_noop("In the person's own words (optional)")


def _area(key: str, title: str, question: str) -> dict:
    return {
        "key": key,
        "title": title,
        "life_area": key,
        "scoring": "mean",
        "items": [
            {
                "key": f"{key}_now",
                "label": question,
                "type": "scale",
                "min": 1,
                "max": 5,
                "min_label": _VERY_HARD,
                "max_label": _GOING_WELL,
            },
            {"key": f"{key}_note", "label": _OWN_WORDS, "type": "text"},
        ],
    }


# The eight life dimensions of the Danish ICM method manual (seed 003), one 1–5 question
# each: "How is it going with …?" from 1 (very hard) to 5 (going well).
LIFE_AREAS_SCALE = {
    "domains": [
        _area(
            "housing",
            gettext_noop("Housing"),
            gettext_noop("How is it going with your home?"),
        ),
        _area(
            "mental_health",
            gettext_noop("Mental health"),
            gettext_noop("How is it going with how you feel in yourself?"),
        ),
        _area(
            "physical_health",
            gettext_noop("Physical health"),
            gettext_noop("How is it going with your physical health?"),
        ),
        _area(
            "finances",
            gettext_noop("Finances"),
            gettext_noop("How is it going with your money?"),
        ),
        _area(
            "daily_activities",
            gettext_noop("Daily activities"),
            gettext_noop("How is it going with your days and what you do in them?"),
        ),
        _area(
            "network",
            gettext_noop("Network and relations"),
            gettext_noop("How is it going with the people in your life?"),
        ),
        _area(
            "substance_use",
            gettext_noop("Substance use"),
            gettext_noop("How is it going with alcohol, drugs or other substances?"),
        ),
        _area(
            "education_employment",
            gettext_noop("Education and employment"),
            gettext_noop("How is it going with work, study or other things you do?"),
        ),
    ]
}


def _scale(key: str, label: str, low: str, high: str, *, reverse: bool = False) -> dict:
    item = {
        "key": key,
        "label": label,
        "type": "scale",
        "min": 1,
        "max": 5,
        "min_label": low,
        "max_label": high,
    }
    if reverse:
        item["reverse"] = True
    return item


def _choice(key: str, label: str, *choices: str | tuple[str, int]) -> dict:
    return {
        "key": key,
        "label": label,
        "type": "choice",
        "choices": [
            {"label": c[0], "score": c[1]} if isinstance(c, tuple) else {"label": c}
            for c in choices
        ],
    }


def _yesno(key: str, label: str) -> dict:
    return {"key": key, "label": label, "type": "yesno"}


def _text(key: str, label: str, help_text: str = "") -> dict:
    item = {"key": key, "label": label, "type": "text"}
    if help_text:
        item["help"] = help_text
    return item


_NOT_AT_ALL = gettext_noop("not at all")
_VERY_MUCH = gettext_noop("very much")

# Seed 004's comprehensive assessment: housing history and needs, physical and mental health,
# employment and income, education and skills, social support networks, legal issues —
# strengths asked for beside needs (R31).
COMPREHENSIVE_ASSESSMENT = {
    "domains": [
        {
            "key": "housing_history",
            "title": gettext_noop("Housing history and needs"),
            "life_area": "housing",
            "scoring": "mean",
            "items": [
                _choice(
                    "slept_mostly",
                    gettext_noop("Where have you mostly slept in the past year?"),
                    gettext_noop("Outside, in a car or another place not meant for living"),
                    gettext_noop("In shelters or hostels"),
                    gettext_noop("With family or friends, for a while each time"),
                    gettext_noop("In hospital, treatment or prison"),
                    gettext_noop("In a home of my own"),
                ),
                {
                    "key": "years_without_home",
                    "label": gettext_noop(
                        "About how many years, in all, without a home of your own?"
                    ),
                    "type": "number",
                    "min": 0,
                    "max": 80,
                },
                _yesno("lost_home_before", gettext_noop("Have you lost a home before?")),
                _text(
                    "home_wishes",
                    gettext_noop("What matters to you in a home?"),
                    gettext_noop("Neighbourhood, size, steps and lifts, pets, people nearby."),
                ),
                _scale(
                    "keeping_home",
                    gettext_noop("How sure do you feel that you can keep a home?"),
                    _NOT_AT_ALL,
                    _VERY_MUCH,
                ),
            ],
        },
        {
            "key": "physical_health",
            "title": gettext_noop("Physical health"),
            "life_area": "physical_health",
            "scoring": "mean",
            "items": [
                _scale(
                    "physical_now",
                    gettext_noop("How is your physical health these days?"),
                    gettext_noop("very poor"),
                    gettext_noop("very good"),
                ),
                _scale(
                    "pain_limits",
                    gettext_noop("How much do pain or illness stop you doing what you want?"),
                    _NOT_AT_ALL,
                    gettext_noop("a lot"),
                    reverse=True,
                ),
                _yesno("family_doctor", gettext_noop("Do you have a family doctor?")),
                _text("health_needs", gettext_noop("Health needs, medication, appointments")),
            ],
        },
        {
            "key": "mental_health",
            "title": gettext_noop("Mental health"),
            "life_area": "mental_health",
            "scoring": "mean",
            "items": [
                _scale(
                    "feeling_now",
                    gettext_noop("How have you been feeling in yourself lately?"),
                    gettext_noop("very low"),
                    gettext_noop("very well"),
                ),
                _scale(
                    "worries_in_way",
                    gettext_noop("How much do worries, low mood or voices get in the way?"),
                    _NOT_AT_ALL,
                    gettext_noop("a lot"),
                    reverse=True,
                ),
                _choice(
                    "mental_health_support",
                    gettext_noop("Support for your mental health"),
                    gettext_noop("I have support and it helps"),
                    gettext_noop("I have support but it does not suit me"),
                    gettext_noop("I have none and would like some"),
                    gettext_noop("I have none and do not want any"),
                ),
                _text("what_helps", gettext_noop("What helps when things get hard?")),
            ],
        },
        {
            "key": "employment_income",
            "title": gettext_noop("Employment and income"),
            "life_area": "finances",
            "scoring": "mean",
            "items": [
                _choice(
                    "main_income",
                    gettext_noop("Main income at the moment"),
                    gettext_noop("Wages from work"),
                    gettext_noop("Social assistance or another benefit"),
                    gettext_noop("Pension"),
                    gettext_noop("Informal work or odd jobs"),
                    gettext_noop("No income at the moment"),
                ),
                {
                    "key": "monthly_income",
                    "label": gettext_noop("Income per month, about"),
                    "type": "number",
                    "min": 0,
                },
                _scale(
                    "money_lasts",
                    gettext_noop("Does the money last until the next payment?"),
                    gettext_noop("never"),
                    gettext_noop("always"),
                ),
                _yesno("wants_work", gettext_noop("Would you like to work, paid or voluntary?")),
            ],
        },
        {
            "key": "education_skills",
            "title": gettext_noop("Education and skills"),
            "life_area": "education_employment",
            "scoring": "none",
            "items": [
                _choice(
                    "schooling",
                    gettext_noop("Schooling completed"),
                    gettext_noop("Primary school or less"),
                    gettext_noop("Some secondary school"),
                    gettext_noop("Secondary school"),
                    gettext_noop("A trade or vocational training"),
                    gettext_noop("College or university"),
                ),
                _text(
                    "skills",
                    gettext_noop("Skills, trades and things you are good at"),
                    gettext_noop("Work, caring for others, making and mending, languages…"),
                ),
                _yesno(
                    "help_with_forms",
                    gettext_noop("Would help with reading and filling in forms be useful?"),
                ),
                _text("wants_to_learn", gettext_noop("Something you would like to learn")),
            ],
        },
        {
            "key": "social_support",
            "title": gettext_noop("Social support networks"),
            "life_area": "network",
            "scoring": "sum",
            "items": [
                _choice(
                    "people_to_count_on",
                    gettext_noop("How many people can you count on when things are hard?"),
                    (gettext_noop("Nobody"), 0),
                    (gettext_noop("One person"), 1),
                    (gettext_noop("Two or three people"), 2),
                    (gettext_noop("Four or more people"), 3),
                ),
                _scale(
                    "lonely",
                    gettext_noop("How often do you feel lonely?"),
                    gettext_noop("never"),
                    gettext_noop("all the time"),
                    reverse=True,
                ),
                _yesno("family_contact", gettext_noop("Are you in touch with family?")),
                _text("who_matters", gettext_noop("Who matters most to you?")),
            ],
        },
        {
            "key": "legal",
            "title": gettext_noop("Legal issues"),
            "sensitive": True,
            "scoring": "none",
            "items": [
                _choice(
                    "id_documents",
                    gettext_noop("Identity documents"),
                    gettext_noop("Has them all"),
                    gettext_noop("Some are missing"),
                    gettext_noop("Has none"),
                ),
                _yesno(
                    "court_or_fines",
                    gettext_noop("Any court dates, charges or unpaid fines?"),
                ),
                _yesno(
                    "wants_legal_help",
                    gettext_noop("Would you like help from legal aid or a lawyer?"),
                ),
                _text("legal_notes", gettext_noop("What should we know to help?")),
            ],
        },
    ]
}

BUILTIN_INSTRUMENTS = {
    LIFE_AREAS_KEY: (gettext_noop("Life areas scale"), LIFE_AREAS_SCALE),
    COMPREHENSIVE_KEY: (gettext_noop("Comprehensive assessment"), COMPREHENSIVE_ASSESSMENT),
}


def install(apps) -> None:
    """Create the built-in instruments, or add a version where a definition changed.
    ``apps`` is a migration's app registry (or django.apps.apps)."""
    Instrument = apps.get_model("tools", "Instrument")
    InstrumentVersion = apps.get_model("tools", "InstrumentVersion")
    for key, (name, definition) in BUILTIN_INSTRUMENTS.items():
        instrument, _created = Instrument.objects.update_or_create(
            program=None, key=key, defaults={"name": name, "builtin": True}
        )
        current = instrument.versions.order_by("-number").first()
        if current is None or current.definition != definition:
            InstrumentVersion.objects.create(
                instrument=instrument,
                number=current.number + 1 if current else 1,
                definition=definition,
            )


def uninstall(apps) -> None:
    Instrument = apps.get_model("tools", "Instrument")
    InstrumentVersion = apps.get_model("tools", "InstrumentVersion")
    InstrumentVersion.objects.filter(instrument__builtin=True).delete()
    Instrument.objects.filter(builtin=True).delete()
