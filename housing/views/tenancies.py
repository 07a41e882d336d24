"""The person's tenancies: details, events and the end of a home (R7, R19)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.forms import add_errors
from housing.access import get_tenancy_for_person
from housing.forms import EndTenancyForm, TenancyEventEditForm, TenancyEventForm, TenancyForm
from housing.models import TenancyEvent
from housing.tenancies import end_tenancy
from housing.views.common import form_page, person_page
from people.access import get_person_for_user

# Tenancies (R7, R19)


@require_http_methods(["GET", "POST"])
def tenancy_edit(request: HttpRequest, person_id: int, tenancy_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    tenancy = get_tenancy_for_person(person, tenancy_id)
    form = TenancyForm(
        request.POST or None, instance=tenancy, organisation_id=person.organisation_id
    )
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(
            request, "change", tenancy, person_id=person.pk, detail={"fields": form.changed_data}
        )
        messages.success(request, _("Saved."))
        return redirect(person_page(person.pk))
    return form_page(
        request,
        form,
        title=_("The tenancy"),
        back=person_page(person.pk),
        back_label=person.display_name,
        intro=_("Amounts per month in %(currency)s.") % {"currency": person.organisation.currency},
    )


@require_http_methods(["GET", "POST"])
def tenancy_end(request: HttpRequest, person_id: int, tenancy_id: int) -> HttpResponse:
    """The home ends; the person's support does not (R7)."""
    person = get_person_for_user(request, person_id)
    tenancy = get_tenancy_for_person(person, tenancy_id)
    if tenancy.ended_on is not None:
        messages.info(request, _("This tenancy has already ended."))
        return redirect(person_page(person.pk))
    form = EndTenancyForm(
        request.POST or None, initial={"on": timezone.localdate(), "version": tenancy.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            end_tenancy(
                tenancy,
                on=data["on"],
                reason=data["reason"],
                next_situation=data["next_situation"],
                by=request.user,
                note=data["note"],
                expected_version=data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(request, "change", tenancy, person_id=person.pk, detail={"ended": True})
            messages.success(
                request,
                _(
                    "The tenancy has ended. The case stays open and the search for a new home "
                    "has started."
                ),
            )
            return redirect(person_page(person.pk))
    return form_page(
        request,
        form,
        title=_("End this tenancy"),
        back=person_page(person.pk),
        back_label=person.display_name,
        intro=tenancy.address,
    )


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
        return redirect(person_page(person.pk))
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
    form = TenancyEventEditForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", event, person_id=person.pk)
        messages.success(request, _("Saved."))
        return redirect(person_page(person.pk))
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": event.get_kind_display()},
    )
