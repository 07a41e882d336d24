import zoneinfo

from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Activate the signed-in user's interface language and their organisation's time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            tz = _time_zone_for(user)
            if tz:
                timezone.activate(zoneinfo.ZoneInfo(tz))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _time_zone_for(user) -> str | None:
    cached = getattr(user, "_hearth_tz", None)
    if cached is None:
        membership = user.memberships.select_related("organisation").order_by("id").first()
        cached = membership.organisation.time_zone if membership else ""
        user._hearth_tz = cached
    return cached or None
