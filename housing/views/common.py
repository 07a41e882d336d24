"""Helpers shared by the housing pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


def form_page(request, form, *, title: str, back: str, back_label: str, intro: str = ""):
    return render(
        request,
        "housing/form.html",
        {"form": form, "title": title, "back": back, "back_label": back_label, "intro": intro},
    )


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def person_page(person_id: int) -> str:
    return reverse("people:detail", args=[person_id]) + "#housing"
