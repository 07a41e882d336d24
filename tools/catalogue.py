"""Hearth's built-in catalogue of risk and protection factors, per life area (R11, seed 002).

Worded in English and translated by the catalogs (marked with gettext_noop). Protection factors
are worded as strengths the person has (R31); risk factors as situations, never as judgements
of the person. Installed by a data migration through ``install``.
"""

from django.utils.translation import gettext_noop

RISK = "risk"
PROTECTION = "protection"

BUILTIN_CATALOGUE: dict[str, dict[str, tuple[str, ...]]] = {
    "housing": {
        RISK: (
            gettext_noop("Rent arrears or unpaid bills"),
            gettext_noop("Conflict with neighbours or the landlord"),
            gettext_noop("Visitors who take over the home"),
            gettext_noop("Many years without a home of their own"),
        ),
        PROTECTION: (
            gettext_noop("Likes the home and wants to keep it"),
            gettext_noop("Rent paid on time, directly or by agreement"),
            gettext_noop("Good relationship with the landlord"),
            gettext_noop("Keeps the home the way they like it"),
        ),
    },
    "mental_health": {
        RISK: (
            gettext_noop("Distress or symptoms without the support they want"),
            gettext_noop("Recent stay in a psychiatric ward"),
            gettext_noop("Thoughts of self-harm or suicide"),
            gettext_noop("Past trauma that still weighs heavily"),
        ),
        PROTECTION: (
            gettext_noop("Knows what helps when things get hard"),
            gettext_noop("Trusts a mental-health worker or doctor"),
            gettext_noop("Takes part in the treatment they chose"),
            gettext_noop("Has ways to calm down and feel safe"),
        ),
    },
    "physical_health": {
        RISK: (
            gettext_noop("Long-term illness without regular follow-up"),
            gettext_noop("No family doctor"),
            gettext_noop("Pain or trouble getting around"),
            gettext_noop("Medication often missed"),
        ),
        PROTECTION: (
            gettext_noop("Has a family doctor they trust"),
            gettext_noop("Looks after their health: food, sleep, check-ups"),
            gettext_noop("Takes medication as agreed with the doctor"),
        ),
    },
    "finances": {
        RISK: (
            gettext_noop("No stable income"),
            gettext_noop("Debts or fines"),
            gettext_noop("Money runs out before the next payment"),
            gettext_noop("Others take or borrow their money"),
        ),
        PROTECTION: (
            gettext_noop("Stable income: work, a benefit or a pension"),
            gettext_noop("Makes a budget and keeps to it"),
            gettext_noop("Asks for help with money early"),
        ),
    },
    "daily_activities": {
        RISK: (
            gettext_noop("Long empty days"),
            gettext_noop("Shopping, cooking or cleaning are hard to manage"),
            gettext_noop("Sleep turned upside down"),
        ),
        PROTECTION: (
            gettext_noop("Has a daily routine they like"),
            gettext_noop("Takes part in an activity, a hobby or volunteering"),
            gettext_noop("Manages shopping and cooking"),
            gettext_noop("Cares for a pet"),
        ),
    },
    "network": {
        RISK: (
            gettext_noop("Isolation and loneliness"),
            gettext_noop("Relationships that put them at risk"),
            gettext_noop("Contact with family broken off"),
        ),
        PROTECTION: (
            gettext_noop("Someone to call when things are hard"),
            gettext_noop("In touch with family or friends"),
            gettext_noop("Part of a community: faith, culture, sport or peers"),
        ),
    },
    "substance_use": {
        RISK: (
            gettext_noop("Daily or heavy use"),
            gettext_noop("Use with a risk of overdose"),
            gettext_noop("Use that leads to conflicts or debts"),
            gettext_noop("Using again after a time without"),
        ),
        PROTECTION: (
            gettext_noop("Knows and uses harm reduction"),
            gettext_noop("Has cut down or stopped, by their own choice"),
            gettext_noop("In touch with a substance-use service they chose"),
            gettext_noop("Uses less since moving in"),
        ),
    },
    "education_employment": {
        RISK: (
            gettext_noop("No work for many years"),
            gettext_noop("Reading and writing forms is hard"),
            gettext_noop("A criminal record that closes doors to jobs"),
        ),
        PROTECTION: (
            gettext_noop("Has a trade, skills or work experience"),
            gettext_noop("Wants to work or study"),
            gettext_noop("Volunteers or works part time"),
            gettext_noop("Learning something new: a course or training"),
        ),
    },
}


def install(apps) -> None:
    """Add the built-in entries that are not there yet. ``apps``: a migration's registry."""
    Entry = apps.get_model("tools", "FactorCatalogueEntry")
    existing = set(Entry.objects.filter(program=None).values_list("area", "kind", "label"))
    Entry.objects.bulk_create(
        Entry(area=area, kind=kind, label=label)
        for area, kinds in BUILTIN_CATALOGUE.items()
        for kind, labels in kinds.items()
        for label in labels
        if (area, kind, label) not in existing
    )


def uninstall(apps) -> None:
    Entry = apps.get_model("tools", "FactorCatalogueEntry")
    labels = {
        (area, kind, label)
        for area, kinds in BUILTIN_CATALOGUE.items()
        for kind, values in kinds.items()
        for label in values
    }
    for entry in Entry.objects.filter(program=None):
        if (entry.area, entry.kind, entry.label) in labels:
            entry.delete()
