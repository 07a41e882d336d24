from django.http import HttpRequest

from programs.access import can_manage_anything


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar needs, computed only when a template asks for it."""
    if not request.user.is_authenticated:
        return {}

    def can_manage() -> bool:
        return can_manage_anything(request.user)

    return {"nav_can_manage": can_manage}
