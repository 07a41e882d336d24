from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar needs: computed lazily, only when a template asks."""
    if not request.user.is_authenticated:
        return {}

    def nav_teams():
        from programs.access import teams_visible_to

        return list(teams_visible_to(request.user).order_by("name"))

    def can_manage():
        from programs.access import can_manage_anything

        return can_manage_anything(request.user)

    return {"nav_teams": nav_teams, "nav_can_manage": can_manage}
