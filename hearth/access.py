"""Authorisation that cannot be forgotten.

Every URL pattern is wrapped when the URLconf loads: a page needs a signed-in user unless its
view is explicitly marked ``@public``; an API view must carry an authenticated permission class.
Object-level reach is decided by one access helper per kind of object (``people.access``,
``cases.access``, ``programs.access``), which return the object or raise 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.urls import URLPattern, URLResolver
from rest_framework.permissions import IsAuthenticated

PUBLIC_ATTR = "hearth_public"


def public(view: Callable) -> Callable:
    """Mark a view as open to anyone, signed in or not."""
    setattr(view, PUBLIC_ATTR, True)
    return view


def is_public(view: Callable) -> bool:
    return getattr(view, PUBLIC_ATTR, False)


def _is_api_view(view: Callable) -> bool:
    return hasattr(view, "cls") and hasattr(view.cls, "permission_classes")


def _check_api_view(view: Callable, pattern: URLPattern) -> None:
    permissions = view.initkwargs.get("permission_classes", view.cls.permission_classes)
    if not any(issubclass(p, IsAuthenticated) for p in permissions):
        raise ImproperlyConfigured(
            f"API view for {pattern.pattern} has no authenticated permission class"
        )


def wrap_urlpatterns(patterns: list) -> list:
    """Wrap every non-public view with login_required (API views are checked instead)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            wrap_urlpatterns(entry.url_patterns)
            continue
        if not isinstance(entry, URLPattern):
            continue
        view = entry.callback
        if is_public(view):
            continue
        if _is_api_view(view):
            if not is_public(view.cls):
                _check_api_view(view, entry)
            continue
        entry.callback = login_required(view)
    return patterns


def require(condition: Callable[[Any], bool]) -> Callable:
    """Decorator: the signed-in user must satisfy ``condition(user)`` (else 403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated or not condition(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
