from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from hearth.access import public


@public
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def home(request: HttpRequest) -> HttpResponse:
    from programs.access import can_manage_anything

    if request.user.is_superuser and not request.user.memberships.exists():
        return redirect("programs:manage")
    if not request.user.memberships.exists() and can_manage_anything(request.user):
        return redirect("programs:manage")
    return redirect("cases:my_caseload")
