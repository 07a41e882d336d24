"""Nothing Hearth shows is kept by the browser (issue 12 §3; R35).

A worker's phone may be shared or lost: the back button and the disk cache must not hold a life
history after sign-out. Every response gets ``Cache-Control: no-store, private``, except one
that a view marked ``@public`` (a static asset such as the icon) caches on purpose.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from hearth.access import is_public

NO_STORE = "no-store, private"


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "_hearth_public_view", False) and response.has_header("Cache-Control"):
            return response  # a public view that chose its own caching
        cache_control = response.get("Cache-Control", "")
        if "no-store" not in cache_control or "private" not in cache_control:
            # Replace rather than merge: "public, max-age=…" must not survive beside no-store.
            del response["Cache-Control"]
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, *args, **kwargs) -> None:
        view = getattr(view_func, "cls", None) or view_func
        request._hearth_public_view = is_public(view_func) or is_public(view)  # type: ignore[attr-defined]
