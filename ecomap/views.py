"""The ecomap pages of a person: the map and its list, editing a tie (the map redraws as the
worker changes it, htmx), snapshots and the comparison of two of them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from ecomap.drawing import draw
from ecomap.forms import CompareForm, EndTieForm, NewTieForm, SnapshotForm, TieForm
from ecomap.models import Snapshot, Tie
from ecomap.network import (
    TieState,
    compare,
    current_states,
    in_drawing_order,
    snapshot_states,
    take_snapshot,
)
from hearth.concurrency import STALE_MESSAGE
from people.access import get_person_for_user
from people.models import Person


def _linker(person: Person):
    def href(state: TieState) -> str:
        return reverse("ecomap:tie_edit", args=[person.pk, state.id])

    return href


def _drawing(person: Person, states: list[TieState], *, uid: str, **kwargs):
    return draw(
        states,
        centre=person.display_name,
        title=_("Ecomap of %(name)s") % {"name": person.display_name},
        uid=uid,
        **kwargs,
    )


def _snapshot_rows(snapshots: list[Snapshot]) -> list[dict]:
    rows = []
    for snapshot in snapshots:
        states = [TieState.from_dict(d) for d in snapshot.ties]
        rows.append(
            {
                "snapshot": snapshot,
                "ties": len(states),
                "supportive": sum(1 for s in states if s.is_supportive),
            }
        )
    return rows


def ecomap(request: HttpRequest, person_id: int) -> HttpResponse:
    """The map, the same network as a table, adding a tie, and the snapshots."""
    person = get_person_for_user(request, person_id)
    ties = list(Tie.objects.filter(person=person))
    states = current_states(ties)
    snapshots = list(Snapshot.objects.filter(person=person).select_related("taken_by"))
    context = {
        "person": person,
        "states": states,
        "svg": _drawing(person, states, uid="ecomap", href=_linker(person)),
        "ended": sorted(
            (t for t in ties if t.ended_on is not None), key=lambda t: t.ended_on, reverse=True
        ),
        "tie_form": NewTieForm(),
        "snapshot_form": SnapshotForm(),
        "snapshots": _snapshot_rows(snapshots),
    }
    return render(request, "ecomap/ecomap.html", context)


def _form_page(request, person, form, *, title: str, action: str, intro: str = ""):
    return render(
        request,
        "ecomap/form.html",
        {"person": person, "form": form, "title": title, "action": action, "intro": intro},
    )


@require_http_methods(["GET", "POST"])
def tie_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = NewTieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tie = form.save(commit=False)
        tie.person = person
        tie.recorded_by = request.user
        tie.save()
        record(request, "create", tie, person_id=person.pk)
        messages.success(request, _("The tie is on the map."))
        return redirect("ecomap:ecomap", person_id=person.pk)
    return _form_page(
        request,
        person,
        form,
        title=_("Add a tie"),
        action=reverse("ecomap:tie_add", args=[person.pk]),
    )


@require_http_methods(["GET", "POST"])
def tie_edit(request: HttpRequest, person_id: int, tie_id: int) -> HttpResponse:
    """Change a tie. Through htmx every change posts the form and the answer is the redrawn
    map (and the new version); a change based on an older version is refused."""
    person = get_person_for_user(request, person_id)
    tie = get_object_or_404(Tie, pk=tie_id, person=person)
    form = TieForm(request.POST or None, instance=tie)
    context: dict = {"person": person, "tie": tie}
    if request.method == "POST":
        if form.is_valid() and form.save_versioned():
            record(
                request, "change", tie, person_id=person.pk, detail={"fields": form.changed_data}
            )
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect("ecomap:ecomap", person_id=person.pk)
            context["saved_at"] = timezone.localtime()
            form = TieForm(instance=tie)
        elif form.non_field_errors():
            # Someone else saved first: show their version, save nothing.
            tie.refresh_from_db()
            context["problem"] = STALE_MESSAGE
            context["refresh_fields"] = True
            form = TieForm(instance=tie)
        else:
            context["problem"] = _("Not saved: please check the form.")
            context["refresh_fields"] = True
    states = current_states(Tie.objects.filter(person=person))
    context["form"] = form
    context["svg"] = _drawing(person, states, uid="ecomap", href=_linker(person), highlight=tie.pk)
    if request.htmx and request.method == "POST":
        context["oob"] = True
        return render(request, "ecomap/tie_edit.html#redraw", context)
    if context.get("problem"):
        messages.error(request, context["problem"])
    return render(request, "ecomap/tie_edit.html", context)


@require_http_methods(["GET", "POST"])
def tie_end(request: HttpRequest, person_id: int, tie_id: int) -> HttpResponse:
    """The tie leaves the map and stays in the history; an ended tie can be brought back."""
    person = get_person_for_user(request, person_id)
    tie = get_object_or_404(Tie, pk=tie_id, person=person)
    was_ended = tie.ended_on is not None
    form = EndTieForm(
        request.POST or None,
        instance=tie,
        initial={} if was_ended else {"ended_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", tie, person_id=person.pk, detail={"fields": ["ended_on"]})
        if tie.ended_on is None:
            messages.success(request, _("The tie is back on the map."))
        else:
            messages.success(request, _("The tie has ended; it stays in the history."))
        return redirect("ecomap:ecomap", person_id=person.pk)
    return _form_page(
        request,
        person,
        form,
        title=(_("Bring back: %(name)s") if was_ended else _("End the tie with %(name)s"))
        % {"name": tie.name},
        action=reverse("ecomap:tie_end", args=[person.pk, tie.pk]),
    )


@require_http_methods(["GET", "POST"])
def snapshot_take(request: HttpRequest, person_id: int) -> HttpResponse:
    """Keep today's map as it is, to compare with later."""
    person = get_person_for_user(request, person_id)
    form = SnapshotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        snapshot = take_snapshot(
            person,
            by=request.user,
            on=form.cleaned_data["taken_on"],
            note=form.cleaned_data["note"],
        )
        record(request, "create", snapshot, person_id=person.pk)
        messages.success(request, _("Snapshot kept."))
        return redirect("ecomap:snapshot", person_id=person.pk, snapshot_id=snapshot.pk)
    return _form_page(
        request,
        person,
        form,
        title=_("Take a snapshot of the map"),
        action=reverse("ecomap:snapshot_take", args=[person.pk]),
        intro=_("The current ties are kept as they are now; later changes do not alter it."),
    )


def snapshot_detail(request: HttpRequest, person_id: int, snapshot_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    snapshot = get_object_or_404(
        Snapshot.objects.select_related("taken_by"), pk=snapshot_id, person=person
    )
    record(request, "view", snapshot, person_id=person.pk)
    states = snapshot_states(snapshot)
    return render(
        request,
        "ecomap/snapshot.html",
        {
            "person": person,
            "snapshot": snapshot,
            "states": states,
            "svg": _drawing(person, states, uid=f"snapshot-{snapshot.pk}"),
        },
    )


def _default_pair(snapshots: list[Snapshot]) -> dict:
    if len(snapshots) >= 2:
        return {"a": str(snapshots[-2].pk), "b": str(snapshots[-1].pk)}
    return {"a": str(snapshots[0].pk), "b": "now"}


def compare_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ties gained, lost, strengthened, weakened, strained and eased between two maps, with the
    two drawings side by side (stacked on a phone). Defaults: the last two snapshots."""
    person = get_person_for_user(request, person_id)
    snapshots = list(Snapshot.objects.filter(person=person).chronological())
    context: dict = {"person": person, "snapshots": snapshots}
    if not snapshots:
        return render(request, "ecomap/compare.html", context)
    data = request.GET if {"a", "b"} <= set(request.GET) else _default_pair(snapshots)
    form = CompareForm(data, snapshots=snapshots)
    context["form"] = form
    if not form.is_valid():
        return render(request, "ecomap/compare.html", context)
    by_id = {str(s.pk): s for s in snapshots}
    first = by_id[form.cleaned_data["a"]]
    second = by_id.get(form.cleaned_data["b"])  # None: today's map
    if second is not None and (second.taken_on, second.pk) < (first.taken_on, first.pk):
        first, second = second, first
    earlier = snapshot_states(first)
    if second is None:
        later = current_states(Tie.objects.filter(person=person))
    else:
        later = snapshot_states(second)
    context.update(
        first=first,
        second=second,
        comparison=compare(earlier, later),
        svg_a=_drawing(person, in_drawing_order(earlier), uid="compare-a", legend=False),
        svg_b=_drawing(person, later, uid="compare-b"),
    )
    return render(request, "ecomap/compare.html", context)
