"""The organisation's housing supply (R24): providers, agreements and units."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hearth.formatting import format_money
from housing.access import (
    get_provider_for_user,
    get_unit_for_user,
    may_edit_supply,
    organisations_supplied_by,
    providers_visible_to,
)
from housing.forms import AgreementForm, ProviderForm, SupplyFilterForm, UnitForm
from housing.models import CooperationAgreement, Unit
from housing.views.common import forbidden, form_page

# The supply (R24)


def supply(request: HttpRequest) -> HttpResponse:
    """The units of the user's organisations, filtered by area, type, status and rooms: a
    constant number of queries whatever the number of units."""
    filters = SupplyFilterForm(request.GET or None)
    units = list(
        filters.filter(Unit.objects.visible_to(request.user).for_supply_list()).select_related(
            "provider__organisation"
        )
    )
    for unit in units:
        unit.rent_display = format_money(unit.rent, unit.provider.organisation.currency)
    providers = list(providers_visible_to(request.user).order_by("name"))
    return render(
        request,
        "housing/supply.html",
        {
            "filters": filters,
            "units": units,
            "providers": providers,
            "may_edit": organisations_supplied_by(request.user).exists(),
        },
    )


def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_user(request.user, provider_id)
    units = list(provider.units.order_by("area", "address"))
    for unit in units:
        unit.rent_display = format_money(unit.rent, provider.organisation.currency)
    return render(
        request,
        "housing/provider.html",
        {
            "provider": provider,
            "agreements": provider.agreements.all(),
            "units": units,
            "may_edit": may_edit_supply(request.user, provider.organisation_id),
        },
    )


@require_http_methods(["GET", "POST"])
def provider_add(request: HttpRequest) -> HttpResponse:
    organisation = organisations_supplied_by(request.user).order_by("pk").first()
    if organisation is None:
        return forbidden(request)
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = form.save(commit=False)
        provider.organisation = organisation
        provider.save()
        messages.success(request, _("Saved."))
        return redirect("housing:provider", provider_id=provider.pk)
    return form_page(
        request,
        form,
        title=_("Add a housing provider"),
        back=reverse("housing:supply"),
        back_label=_("Housing supply"),
    )


@require_http_methods(["GET", "POST"])
def provider_edit(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_user(request.user, provider_id)
    if not may_edit_supply(request.user, provider.organisation_id):
        return forbidden(request)
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        messages.success(request, _("Saved."))
        return redirect("housing:provider", provider_id=provider.pk)
    return form_page(
        request,
        form,
        title=provider.name,
        back=reverse("housing:provider", args=[provider.pk]),
        back_label=provider.name,
    )


@require_http_methods(["GET", "POST"])
def agreement_edit(
    request: HttpRequest, provider_id: int, agreement_id: int | None = None
) -> HttpResponse:
    provider = get_provider_for_user(request.user, provider_id)
    if not may_edit_supply(request.user, provider.organisation_id):
        return forbidden(request)
    agreement = (
        get_object_or_404(CooperationAgreement, pk=agreement_id, provider=provider)
        if agreement_id
        else CooperationAgreement(provider=provider)
    )
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        saved = True
        if agreement.pk:
            saved = form.save_versioned()
        else:
            form.save()
        if saved:
            messages.success(request, _("Saved."))
            return redirect("housing:provider", provider_id=provider.pk)
    return form_page(
        request,
        form,
        title=_("Cooperation agreement with %(name)s") % {"name": provider.name},
        back=reverse("housing:provider", args=[provider.pk]),
        back_label=provider.name,
    )


@require_http_methods(["GET", "POST"])
def unit_add(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_user(request.user, provider_id)
    if not may_edit_supply(request.user, provider.organisation_id):
        return forbidden(request)
    form = UnitForm(request.POST or None, instance=Unit(provider=provider))
    if request.method == "POST" and form.is_valid():
        unit = form.save(commit=False)
        unit.created_by = request.user
        unit.save()
        messages.success(request, _("Saved."))
        return redirect("housing:provider", provider_id=provider.pk)
    return form_page(
        request,
        form,
        title=_("Add a unit"),
        back=reverse("housing:provider", args=[provider.pk]),
        back_label=provider.name,
        intro=_("Rent in %(currency)s per month.") % {"currency": provider.organisation.currency},
    )


@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    provider = unit.provider
    if not may_edit_supply(request.user, provider.organisation_id):
        return forbidden(request)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        messages.success(request, _("Saved."))
        return redirect("housing:provider", provider_id=provider.pk)
    return form_page(
        request,
        form,
        title=str(unit),
        back=reverse("housing:provider", args=[provider.pk]),
        back_label=provider.name,
        intro=_("Rent in %(currency)s per month.") % {"currency": provider.organisation.currency},
    )
