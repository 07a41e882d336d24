from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from audit.models import AuditEvent
from cases.forms import LivingSituationForm
from cases.lifecycle import record_living_situation
from cases.models import Case, LegalTodo
from hearth.collation import by_name
from hearth.concurrency import STALE_MESSAGE, StaleEdit, delete_versioned
from hearth.domain import PERSON_APPS, hooks
from hearth.text import fold
from housing.models import LivingSituation
from people.access import (
    can_review_access,
    can_see_identifiers,
    get_person_for_user,
    get_person_page_for_user,
)
from people.forms import HouseholdMemberForm, IdentifierForm, PersonForm
from people.models import HouseholdMember, NationalIdentifier, Person
from people.summary import visit_summary
from people.timeline import timeline
from visits.cadence import cadence_of


@dataclass
class Section:
    """A person app's section of the person page: its heading, its HTML and the context it
    was rendered from (read by the summary at the top of the page)."""

    app: str
    title: str
    html: str
    context: dict

    @property
    def anchor(self) -> str:
        return f"section-{self.app}"


def _tool_sections(request: HttpRequest, person, cases) -> list[Section]:
    """Each person app's section of the person page, rendered by its own template; a section
    with nothing to show (an empty template) is left out."""
    sections = []
    for app, module in hooks("sections", PERSON_APPS):
        context = module.person_section(request, person, cases)
        html = render_to_string(f"{app}/_person_section.html", context, request=request)
        if html.strip():
            sections.append(Section(app, str(module.TITLE), html, context))
    return sections


def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    persons = Person.objects.visible_to(request.user)
    if query:
        persons = persons.filter(search_name__contains=fold(query))
    persons = list(persons.order_by(*by_name())[:100])
    record(
        request,
        "search" if query else "list",
        object_type="people.Person",
        person_ids=[p.pk for p in persons],
        detail={"query": query} if query else None,
    )
    template = "people/person_list.html#results" if request.htmx else "people/person_list.html"
    return render(request, template, {"persons": persons, "query": query})


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person's page: what a visit needs at the top, every other section folded under it
    and one tap away in the page's menu (issue 12 §6)."""
    person = get_person_page_for_user(request, person_id)
    cases = list(
        Case.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("program", "team", "primary_worker", "backup_worker")
        .prefetch_related(
            Prefetch("legal_todos", queryset=LegalTodo.objects.order_by("status", "id"))
        )
        .with_last_contact()
        .with_cadence()
        .order_by("-opened_on")
    )
    today = timezone.localdate()
    for case in cases:
        case.cadence = cadence_of(case, today=today) if case.is_open else None
    situations = list(
        LivingSituation.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-started_on", "-id")
    )
    sections = _tool_sections(request, person, cases)
    entries = timeline(person, situations=situations)
    context = {
        "person": person,
        "cases": cases,
        "situation": situations[0] if situations else None,
        "household": person.household.select_related("linked_person"),
        "identifiers": person.identifiers.all(),
        "show_identifiers": person.may_see_identifiers,
        "show_access_log": person.may_review_access,
        "timeline": entries,
        "tool_sections": sections,
        "summary": visit_summary(
            person,
            cases,
            now=timezone.now(),
            sections=[section.context for section in sections],
            timeline=entries,
        ),
    }
    return render(request, "people/person_detail.html", context)


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", person, detail={"fields": form.changed_data})
        messages.success(request, _("Saved."))
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def identifier_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    if not can_see_identifiers(request.user, person):
        return render(request, "403.html", status=403)
    form = IdentifierForm(request.POST or None, person=person)
    form.fields["version"].required = False  # a new record: nothing to be stale against
    if request.method == "POST" and form.is_valid():
        identifier = form.save()
        record(request, "create", identifier, person_id=person.pk)
        messages.success(request, _("Identifier added."))
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": _("Add a national identifier")},
    )


@require_http_methods(["GET", "POST"])
def household_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = HouseholdMemberForm(request.POST or None, person=person, user=request.user)
    form.fields["version"].required = False  # a new record: nothing to be stale against
    if request.method == "POST" and form.is_valid():
        member = form.save()
        record(request, "create", member, person_id=person.pk)
        messages.success(request, _("Household member added."))
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": _("Add a household member")},
    )


@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, person_id: int, member_id: int) -> HttpResponse:
    """Correct a household member, or take them off the list (their history stays)."""
    person = get_person_for_user(request, person_id)
    member = get_object_or_404(HouseholdMember, pk=member_id, person=person)
    return _edit_or_remove(
        request,
        person,
        member,
        lambda data: HouseholdMemberForm(data, instance=member, person=person, user=request.user),
        title=_("Household member"),
        saved=_("Household member saved."),
        removed=_("Household member removed from the list."),
    )


@require_http_methods(["GET", "POST"])
def identifier_edit(request: HttpRequest, person_id: int, identifier_id: int) -> HttpResponse:
    """Correct a national identifier, or remove one recorded by mistake."""
    person = get_person_for_user(request, person_id)
    if not can_see_identifiers(request.user, person):
        return render(request, "403.html", status=403)
    identifier = get_object_or_404(NationalIdentifier, pk=identifier_id, person=person)
    return _edit_or_remove(
        request,
        person,
        identifier,
        lambda data: IdentifierForm(data, instance=identifier, person=person),
        title=_("National identifier"),
        saved=_("Identifier saved."),
        removed=_("Identifier removed."),
    )


def _edit_or_remove(request, person, item, make_form, *, title, saved, removed) -> HttpResponse:
    """One small record of a person: saved with a version check, or removed (the "remove"
    button) with the same check; either audited. A stale save or removal changes nothing and
    shows the record as it is now."""
    removing = request.method == "POST" and "remove" in request.POST
    form = make_form(request.POST if request.method == "POST" and not removing else None)
    if removing:
        pk = item.pk
        try:
            # The removal and its audit event are one change.
            with transaction.atomic():
                record(request, "delete", item, person_id=person.pk)
                delete_versioned(item, expected_version=int(request.POST.get("version", "")))
        except (StaleEdit, ValueError):
            if not type(item).objects.filter(pk=pk).exists():  # someone removed it already
                messages.success(request, removed)
                return redirect("people:detail", person_id=person.pk)
            item.refresh_from_db()
            form = make_form(None)
            messages.error(request, STALE_MESSAGE)
        else:
            messages.success(request, removed)
            return redirect("people:detail", person_id=person.pk)
    elif request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", item, person_id=person.pk)
        messages.success(request, saved)
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": title, "removable": True},
    )


@require_http_methods(["GET", "POST"])
def living_situation_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = LivingSituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        situation = record_living_situation(
            person,
            code=form.cleaned_data["code"],
            on=form.cleaned_data["on"],
            by=request.user,
            note=form.cleaned_data["note"],
            lost_home=form.cleaned_data["lost_home"],
        )
        record(request, "create", situation, person_id=person.pk)
        if situation.is_housing_loss:
            messages.info(
                request, _("The home loss is recorded. The case stays open and support continues.")
            )
        else:
            messages.success(request, _("Living situation recorded."))
        return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "person": person, "title": _("Record a living situation")},
    )


def person_access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who opened, listed or changed this person's records, newest first (R35)."""
    person = get_person_for_user(request, person_id)
    if not can_review_access(request.user, person):
        return render(request, "403.html", status=403)
    page = Paginator(AuditEvent.objects.for_person(person.pk).select_related("user"), 100).get_page(
        request.GET.get("page")
    )
    return render(request, "people/access_log.html", {"person": person, "page": page})
