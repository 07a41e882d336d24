from django.urls import include, path

from hearth import api, views
from hearth.access import wrap_urlpatterns

urlpatterns = wrap_urlpatterns(
    [
        path("", views.home, name="home"),
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
        path("api/v1/", include(api.urls())),
    ]
)

handler403 = "hearth.errors.forbidden"
handler404 = "hearth.errors.not_found"
