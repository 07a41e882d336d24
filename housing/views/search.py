"""The housing search of a case and its offers (R8, R34)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from cases.access import get_case_for_user
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.forms import add_errors, keep_their_input
from housing.access import get_offer_for_user, get_search_for_user
from housing.forms import AnswerForm, OfferForm, SearchForm
from housing.models import SearchReason
from housing.searches import answer_offer, make_offer, open_search
from housing.views.common import form_page, person_page

# The search (R8, R34)


@require_http_methods(["GET", "POST"])
def search_open(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    current = case.housing_searches.filter(closed_on__isnull=True).first()
    if current is not None:
        return redirect("housing:search", search_id=current.pk)
    reason = SearchReason.REHOUSING if case.moved_in_on else SearchReason.FIRST_HOME
    form = SearchForm(
        request.POST or None, initial={"opened_on": timezone.localdate(), "reason": reason}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        search = open_search(case, on=data.pop("opened_on"), by=request.user, **data)
        record(request, "create", search, person_id=case.person_id)
        messages.success(request, _("The housing search is open."))
        return redirect(person_page(case.person_id))
    return form_page(
        request,
        form,
        title=_("Open the housing search"),
        back=person_page(case.person_id),
        back_label=case.person.display_name,
        intro=_("Start from what matters to them, in their own words."),
    )


@require_http_methods(["GET", "POST"])
def search_edit(request: HttpRequest, search_id: int) -> HttpResponse:
    search = get_search_for_user(request, search_id)
    person = search.case.person
    form = SearchForm(request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", search, person_id=person.pk, detail={"fields": form.changed_data})
        messages.success(request, _("Saved."))
        return redirect(person_page(person.pk))
    today = timezone.localdate()
    return render(
        request,
        "housing/search.html",
        {
            "search": search,
            "person": person,
            "form": form,
            "days": search.days(today=today),
            "offers": search.offers.select_related("unit"),
        },
    )


@require_http_methods(["GET", "POST"])
def offer_add(request: HttpRequest, search_id: int) -> HttpResponse:
    search = get_search_for_user(request, search_id)
    person = search.case.person
    form = OfferForm(request.POST or None, organisation_id=search.case.program.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            offer = make_offer(
                search,
                on=form.cleaned_data["offered_on"],
                by=request.user,
                unit=form.cleaned_data["unit"],
                address=form.cleaned_data["address"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(request, "create", offer, person_id=person.pk)
            messages.success(request, _("The offer is recorded."))
            return redirect(person_page(person.pk))
    return form_page(
        request,
        form,
        title=_("Record an offer"),
        back=person_page(person.pk),
        back_label=person.display_name,
    )


@require_http_methods(["GET", "POST"])
def offer_answer(request: HttpRequest, offer_id: int) -> HttpResponse:
    """The person's or the landlord's answer. A refusal by the person costs them nothing."""
    offer = get_offer_for_user(request, offer_id)
    person = offer.search.case.person
    form = AnswerForm(
        request.POST or None,
        initial={
            "answer": offer.answer,
            "answered_on": offer.answered_on or timezone.localdate(),
            "reason": offer.reason,
            "version": offer.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answer_offer(
                offer,
                answer=data["answer"],
                on=data["answered_on"],
                reason=data["reason"],
                by=request.user,
                expected_version=data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
            keep_their_input(form, offer)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(request, "change", offer, person_id=person.pk, detail={"answer": offer.answer})
            messages.success(request, _("Saved."))
            return redirect(person_page(person.pk))
    return form_page(
        request,
        form,
        title=_("Answer to the offer: %(where)s") % {"where": offer.where},
        back=person_page(person.pk),
        back_label=person.display_name,
    )
