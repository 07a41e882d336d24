"""The apps that hang off a person's record (and the evidence apps), and the hooks each may
provide.

PERSON_APPS give the person page its sections (``<app>.sections.person_section``, the context
of ``<app>/_person_section.html``, and ``<app>.sections.TITLE``, its heading: the page folds
each section under it); a section's context may carry ``for_visit``, a
``people.summary.ForVisit`` with what the summary at the top of the page shows from that app;
``<app>.readiness.readiness_context(person)`` adds to a case closure's readiness indicators.
DOMAIN_APPS (the person apps and the evidence apps) give the demo (``<app>.demo.load`` per
case and ``<app>.demo.load_program`` per program) and the access walk (``<app>.testing``:
``walk_ids``, ``PERSONAL_ARGUMENTS``, ``PERSONAL_API_BASENAMES``). API_APPS, the core apps and
the domain apps, give the API its routes: ``<app>.api.register(router)`` for its viewsets and
``<app>.api.urlpatterns`` for any other path under /api/v1/ (hearth/urls.py holds the router).
An app provides only the hooks it needs.
"""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

# In the order their sections appear on the person page (and their demos load: the directory
# before the referrals that point into it).
PERSON_APPS = (
    "tools",
    "ecomap",
    "plans",
    "housing",
    "money",
    "economics",
    "directory",
    "referrals",
    "documents",
)


# Every app that may provide the hooks: the person apps, then the evidence of issue 6.
DOMAIN_APPS = (*PERSON_APPS, "feedback", "outcomes", "fidelity")

# The apps the domain apps are built on, in the order their API routes are listed.
CORE_APPS = ("people", "cases", "programs", "roster", "visits", "reports", "meetings", "accounts")

# Every app with an API.
API_APPS = (*CORE_APPS, *DOMAIN_APPS)


def hooks(module: str, apps: tuple[str, ...] = DOMAIN_APPS) -> list[tuple[str, ModuleType]]:
    """``(app, <app>.<module>)`` for every app above that has such a module."""
    return [
        (app, import_module(f"{app}.{module}"))
        for app in apps
        if find_spec(app) is not None and find_spec(f"{app}.{module}") is not None
    ]
