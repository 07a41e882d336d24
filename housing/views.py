from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from housing.forms import TenancyEventForm
from housing.models import TenancyEvent
from people.access import get_person_for_user


@require_http_methods(["GET", "POST"])
def tenancy_event_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Arrears, a complaint, an eviction notice… on the person's current tenancy (R7)."""
    person = get_person_for_user(request, person_id)
    tenancy = person.tenancies.filter(ended_on__isnull=True).order_by("-started_on").first()
    if tenancy is None:
        messages.info(request, _("There is no current tenancy: record a move-in first."))
        return redirect("people:detail", person_id=person.pk)
    form = TenancyEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.tenancy = tenancy
        event.recorded_by = request.user
        event.save()
        record(request, "create", event, person_id=person.pk)
        messages.success(request, _("Recorded."))
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": _("Record a tenancy event")},
    )


@require_http_methods(["GET", "POST"])
def tenancy_event_edit(request: HttpRequest, person_id: int, event_id: int) -> HttpResponse:
    """Mostly to record that it was resolved."""
    person = get_person_for_user(request, person_id)
    event = get_object_or_404(TenancyEvent, pk=event_id, tenancy__person=person)
    form = TenancyEventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, "change", event, person_id=person.pk)
        messages.success(request, _("Saved."))
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": event.get_kind_display()},
    )
