"""The root URLconf: every app's pages, and the API under /api/v1/ with every app's routes on one
router (``<app>.api.register`` and ``<app>.api.urlpatterns``, hearth.domain.API_APPS)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from hearth import views
from hearth.access import wrap_urlpatterns
from hearth.api_docs import DocsView, SchemaView
from hearth.domain import API_APPS, hooks
from programs.views import home


def api_urls() -> list:
    router = DefaultRouter()
    paths = []
    for _app, module in hooks("api", API_APPS):
        if hasattr(module, "register"):
            module.register(router)
        paths += getattr(module, "urlpatterns", [])
    return [
        *paths,
        path("schema/", SchemaView.as_view(), name="api-schema"),
        path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
        path("", include(router.urls)),
    ]


urlpatterns = wrap_urlpatterns(
    [
        path("", home, name="home"),
        path("healthz", views.healthz, name="healthz"),
        path("favicon.ico", views.favicon, name="favicon"),
        path("accounts/", include("accounts.urls")),
        path("", include("cases.urls")),
        path("people/", include("people.urls")),
        path("", include("reports.urls")),
        path("", include("meetings.urls")),
        path("", include("visits.urls")),
        path("", include("programs.urls")),
        path("", include("roster.urls")),
        path("", include("tools.urls")),
        path("", include("ecomap.urls")),
        path("", include("plans.urls")),
        path("", include("fidelity.urls")),
        path("", include("housing.urls")),
        path("", include("money.urls")),
        path("", include("directory.urls")),
        path("", include("referrals.urls")),
        path("", include("documents.urls")),
        path("", include("outcomes.urls")),
        path("", include("economics.urls")),
        path("", include("feedback.urls")),
        path("api/v1/", include(api_urls())),
    ]
)

handler403 = "hearth.errors.forbidden"
handler404 = "hearth.errors.not_found"
