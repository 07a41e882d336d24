"""The API's OpenAPI schema and its documentation page (drf-spectacular)."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer


class _JSONRefusals:
    """The schema and its documentation page answer GET (and HEAD) in their own formats; what
    they refuse (another method, no sign-in) is JSON, like every other refusal of the API.
    OPTIONS is not offered: the page's HTML renderer has no template for it."""

    http_method_names = ["get", "head"]

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class SchemaView(_JSONRefusals, SpectacularAPIView):
    pass


class DocsView(_JSONRefusals, SpectacularSwaggerSplitView):
    pass
