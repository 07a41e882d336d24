from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from cases.access import get_case_for_user
from visits.forms import ContactForm


@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    form = ContactForm(request.POST or None, case=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # the contact and its staff list together
            contact = form.save(commit=False)
            contact.case = case
            contact.recorded_by = request.user
            contact.save()
            form.save_m2m()
        record(request, "create", contact, person_id=case.person_id)
        messages.success(request, _("Contact recorded."))
        return redirect("people:detail", person_id=case.person_id)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "title": _("Record a contact")},
    )
