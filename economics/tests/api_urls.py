"""The root URLconf with this app's API routes, until hearth.api registers them (PERSON_APPS)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from economics.api import register
from hearth.urls import urlpatterns as root

router = DefaultRouter()
register(router)
urlpatterns = [path("api/test-economics/", include(router.urls)), *root]
