"""The one way a page adds a record to a case: a form, the case, who wrote it, the audit."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from audit.log import record
from cases.models import Case


def add_to_case(
    request: HttpRequest, case: Case, form, *, author_field: str, success: str, title: str
) -> HttpResponse:
    """Show the form; on a valid POST save the record (and its many-to-many fields) on the
    case in one transaction, audit it and go back to the person."""
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # the record and its staff lists together
            obj = form.save(commit=False)
            obj.case = case
            setattr(obj, author_field, request.user)
            obj.save()
            form.save_m2m()
        record(request, "create", obj, person_id=case.person_id)
        messages.success(request, success)
        return redirect("people:detail", person_id=case.person_id)
    return render(request, "cases/case_form.html", {"form": form, "case": case, "title": title})
