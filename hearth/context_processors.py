from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar needs, computed only when a template asks for it."""
    if not request.user.is_authenticated:
        return {}

    def can_manage() -> bool:
        from programs.access import can_manage_anything

        return can_manage_anything(request.user)

    return {"nav_can_manage": can_manage}
