import random
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case
from ecomap import demo
from ecomap.drawing import draw
from ecomap.indicators import supportive_ties, supportive_ties_over_time
from ecomap.labels import text_width
from ecomap.models import Direction, Quality, Snapshot, Strength, Tie, TieKind
from ecomap.network import TieState, compare, take_snapshot
from ecomap.sections import person_section
from ecomap.testing import make_tie
from hearth.concurrency import STALE_MESSAGE

pytestmark = pytest.mark.django_db

ECOMAP_PAGE_QUERIES = 9
COMPARE_PAGE_QUERIES = 8


def state(id=1, name="Ana", **kwargs) -> TieState:
    values = {
        "kind": TieKind.FAMILY,
        "strength": Strength.MODERATE,
        "quality": Quality.SUPPORTIVE,
        "direction": Direction.NONE,
        "frequency": "weekly",
    }
    return TieState(id=id, name=name, **(values | kwargs))


def line_of(svg: str, tie_id: int = 1) -> str:
    """The markup of one tie's line group."""
    match = re.search(rf'<g class="ecomap-tie" data-tie="{tie_id}".*?</g>', svg)
    assert match, svg
    return match.group(0)


def drawn(*states) -> str:
    return str(draw(list(states), centre="Imogen", title="Ecomap", legend=False))


# The drawing


def test_a_tenuous_tie_is_drawn_dashed():
    line = line_of(drawn(state(strength=Strength.TENUOUS)))
    assert "stroke-dasharray" in line
    assert "stroke-dasharray" not in line_of(drawn(state(strength=Strength.STRONG)))


def test_a_strong_tie_is_a_thicker_solid_line_than_a_moderate_one():
    def width(line):
        return float(re.search(r'stroke-width="([\d.]+)"', line).group(1))

    strong = line_of(drawn(state(strength=Strength.STRONG)))
    moderate = line_of(drawn(state(strength=Strength.MODERATE)))
    assert "stroke-dasharray" not in strong + moderate
    assert width(strong) > width(moderate)


def test_a_stressful_tie_is_drawn_as_a_zig_zag():
    stressful = line_of(drawn(state(quality=Quality.STRESSFUL)))
    supportive = line_of(drawn(state(quality=Quality.SUPPORTIVE)))
    path = re.search(r'class="ecomap-line" d="([^"]+)"', stressful).group(1)
    assert path.count("L") > 6  # a zig-zag, not one straight segment
    assert re.search(r'class="ecomap-line" d="([^"]+)"', supportive).group(1).count("L") == 1


def test_a_mixed_tie_is_solid_with_hatch_marks():
    mixed = line_of(drawn(state(quality=Quality.MIXED)))
    assert 'class="ecomap-hatch"' in mixed
    assert "stroke-dasharray" not in mixed
    assert 'class="ecomap-hatch"' not in line_of(drawn(state(quality=Quality.SUPPORTIVE)))


def test_arrows_follow_the_way_support_flows():
    to_person = line_of(drawn(state(direction=Direction.TO_PERSON)))
    from_person = line_of(drawn(state(direction=Direction.FROM_PERSON)))
    neither = line_of(drawn(state(direction=Direction.NONE)))
    # The line runs from the person out to the tie: its start points at the person.
    assert "marker-start" in to_person and "marker-end" not in to_person
    assert "marker-end" in from_person and "marker-start" not in from_person
    assert "marker" not in neither


def test_support_both_ways_draws_two_arrows():
    line = line_of(drawn(state(direction=Direction.BOTH)))
    assert line.count("marker-") == 2


def test_every_marker_a_line_uses_is_defined_in_the_drawing():
    svg = drawn(
        state(1, direction=Direction.BOTH, quality=Quality.MIXED),
        state(2, direction=Direction.TO_PERSON, quality=Quality.STRESSFUL),
        state(3, direction=Direction.FROM_PERSON),
    )
    for marker in set(re.findall(r"url\(#([\w-]+)\)", svg)):
        assert f'<marker id="{marker}"' in svg


def test_the_drawing_is_an_accessible_image_that_scales_to_a_phone():
    svg = str(draw([state()], centre="Imogen", title="Ecomap of Imogen", uid="m"))
    assert 'role="img"' in svg and 'aria-labelledby="m-title m-desc"' in svg
    assert '<title id="m-title">Ecomap of Imogen</title>' in svg
    assert "1 tie" in re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert 'viewBox="0 0 500 ' in svg and 'width="100%"' in svg
    assert 'class="ecomap-legend"' in svg
    assert not re.search(r"\sstyle=", svg)  # the Content Security Policy forbids inline styles


def test_names_are_escaped_in_the_drawing():
    svg = drawn(state(name='<script>alert("x")</script>'))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_a_long_name_is_cut_to_fit_its_circle():
    svg = drawn(state(name="Associação Beneficente dos Moradores da Vila Esperança do Sul"))
    node = re.search(r'<g class="ecomap-node".*?</g>', svg).group(0)
    size, spans = re.search(
        r'font-size="([\d.]+)"[^>]*font-weight="600">(.*?)</text>', node
    ).groups()
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", spans)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line, float(size)) <= 1.6 * 56 for line in lines)


def test_two_drawings_on_one_page_have_their_own_ids():
    a = str(draw([state()], centre="I", title="A", uid="compare-a"))
    b = str(draw([state()], centre="I", title="B", uid="compare-b"))
    ids_a = set(re.findall(r'id="([^"]+)"', a))
    assert ids_a and not ids_a & set(re.findall(r'id="([^"]+)"', b))


def test_many_ties_still_fit_in_the_drawing():
    svg = drawn(*[state(i, name=f"Tie {i}") for i in range(1, 25)])
    assert svg.count('class="ecomap-node"') == 24
    for cx, cy, r in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg):
        x, y, radius = float(cx), float(cy), float(r)
        assert radius <= x <= 500 - radius and radius <= y <= 500 - radius


# Comparing two maps


def test_the_comparison_finds_ties_gained_lost_strengthened_and_strained():
    earlier = [
        state(1, "Sister", strength=Strength.TENUOUS),
        state(2, "Landlord", quality=Quality.SUPPORTIVE),
        state(3, "Street friends", quality=Quality.STRESSFUL),
        state(4, "Dog", strength=Strength.STRONG),
    ]
    later = [
        state(1, "Sister", strength=Strength.STRONG),
        state(2, "Landlord", quality=Quality.STRESSFUL),
        state(4, "Dog", strength=Strength.STRONG),
        state(5, "Football club"),
    ]
    result = compare(earlier, later)
    assert [s.name for s in result.gained] == ["Football club"]
    assert [s.name for s in result.lost] == ["Street friends"]
    assert [(a.strength, b.strength) for a, b in result.strengthened] == [("tenuous", "strong")]
    assert [(a.quality, b.quality) for a, b in result.strained] == [("supportive", "stressful")]
    assert not result.weakened and not result.eased
    assert result.unchanged == 1


def test_the_comparison_finds_ties_weakened_and_eased():
    result = compare(
        [state(1, strength=Strength.STRONG), state(2, quality=Quality.STRESSFUL)],
        [state(1, strength=Strength.TENUOUS), state(2, quality=Quality.MIXED)],
    )
    assert len(result.weakened) == 1 and len(result.eased) == 1
    assert not result.strengthened and not result.strained and result.has_changes


# Snapshots


def test_a_snapshot_freezes_the_ties_so_later_edits_do_not_change_it(world):
    tie = make_tie(world.p_icm, by=world.alice, strength=Strength.TENUOUS)
    snapshot = take_snapshot(world.p_icm, by=world.alice, on=timezone.localdate())
    tie.strength = Strength.STRONG
    tie.name = "Renamed"
    tie.save()
    snapshot.refresh_from_db()
    assert snapshot.ties == [
        {
            "id": tie.pk,
            "name": "Sister",
            "kind": "family",
            "strength": "tenuous",
            "quality": "supportive",
            "direction": "both",
            "frequency": "weekly",
            "note": "",
        }
    ]


def test_a_snapshot_leaves_out_ties_that_have_ended(world):
    make_tie(world.p_icm, by=world.alice, name="Old friend", ended_on=timezone.localdate())
    make_tie(world.p_icm, by=world.alice, name="Sister")
    snapshot = take_snapshot(world.p_icm, by=world.alice, on=timezone.localdate())
    assert [t["name"] for t in snapshot.ties] == ["Sister"]


# The 'social support network' indicator (R20)


def test_supportive_ties_counts_the_current_supportive_ties(world):
    make_tie(world.p_icm, by=world.alice, quality=Quality.SUPPORTIVE)
    make_tie(world.p_icm, by=world.alice, quality=Quality.SUPPORTIVE, name="Dog", kind="pet")
    make_tie(world.p_icm, by=world.alice, quality=Quality.MIXED, name="Mother")
    make_tie(world.p_icm, by=world.alice, quality=Quality.STRESSFUL, name="Landlord")
    make_tie(world.p_icm, by=world.alice, name="Gone", ended_on=timezone.localdate())
    make_tie(world.p_act, by=world.bob, name="Someone else's")
    assert supportive_ties(world.p_icm) == 2


def test_supportive_ties_at_a_past_date_reads_the_latest_snapshot_on_or_before_it(world):
    today = timezone.localdate()
    person = world.p_icm
    for n, days_ago in ((1, 200), (3, 100), (5, 10)):
        Snapshot.objects.create(
            person=person,
            taken_on=today - timedelta(days=days_ago),
            taken_by=world.alice,
            ties=[state(i).as_dict() for i in range(n)],
        )
    assert supportive_ties(person, on=today - timedelta(days=150)) == 1
    assert supportive_ties(person, on=today - timedelta(days=100)) == 3
    assert supportive_ties(person, on=today - timedelta(days=1)) == 5


def test_supportive_ties_before_any_snapshot_reads_the_recorded_history(world):
    tie = make_tie(world.p_icm, by=world.alice, quality=Quality.SUPPORTIVE)
    yesterday = timezone.localdate() - timedelta(days=1)
    tie.history.update(history_date=timezone.now() - timedelta(days=3))
    tie.quality = Quality.STRESSFUL
    tie.save()
    assert supportive_ties(world.p_icm, on=yesterday) == 1
    assert supportive_ties(world.p_icm) == 0


def test_supportive_ties_over_time_follows_the_snapshots(world):
    today = timezone.localdate()
    make_tie(world.p_icm, by=world.alice)
    first = take_snapshot(world.p_icm, by=world.alice, on=today - timedelta(days=90))
    make_tie(world.p_icm, by=world.alice, name="Club", kind="leisure")
    take_snapshot(world.p_icm, by=world.alice, on=today)
    assert supportive_ties_over_time(world.p_icm) == [(first.taken_on, 1), (today, 2)]


# Pages


def test_the_ecomap_page_shows_the_drawing_and_the_same_ties_as_a_table(client, world):
    make_tie(world.p_icm, by=world.alice, name="Sister Ana", strength=Strength.TENUOUS)
    client.force_login(world.alice)
    response = client.get(reverse("ecomap:ecomap", args=[world.p_icm.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    # Its circles link to the ties: a named group of links, not an image (axe: nested-interactive).
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and 'role="group"' in body
    assert 'aria-labelledby="ecomap-title ecomap-desc"' in body
    assert "<table" in body and body.count("Sister Ana") >= 2
    assert AuditEvent.objects.filter(person_id=world.p_icm.pk, action="view").exists()


def test_adding_a_tie_puts_it_on_the_map_and_in_the_audit_trail(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap:tie_add", args=[world.p_icm.pk]),
        {
            "name": "Football club",
            "kind": "leisure",
            "strength": "moderate",
            "quality": "supportive",
            "direction": "both",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302
    tie = Tie.objects.get(person=world.p_icm)
    assert tie.recorded_by == world.alice
    assert AuditEvent.objects.filter(action="create", object_id=str(tie.pk)).exists()


def test_a_tie_without_a_name_is_refused_with_a_message_beside_the_field(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap:tie_add", args=[world.p_icm.pk]),
        {"name": "  ", "kind": "friend", "strength": "strong", "quality": "supportive"},
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Tie.objects.exists()


def _edit(tie, **changes) -> dict:
    data = {f: getattr(tie, f) for f in Tie.EDITABLE_FIELDS} | {"version": tie.version}
    return data | changes


def test_an_htmx_edit_saves_the_tie_and_answers_with_the_redrawn_map(client, world):
    tie = make_tie(world.p_icm, by=world.alice, strength=Strength.STRONG)
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap:tie_edit", args=[world.p_icm.pk, tie.pk]),
        _edit(tie, strength="tenuous"),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    tie.refresh_from_db()
    assert tie.strength == "tenuous" and tie.version == 1
    assert body.lstrip().startswith('<div id="ecomap-drawing"')
    assert "stroke-dasharray" in line_of(body, tie.pk)  # redrawn as tenuous
    assert 'id="id_version" hx-swap-oob="true"' in body and 'value="1"' in body
    assert "<html" not in body
    assert AuditEvent.objects.filter(action="change", object_id=str(tie.pk)).exists()


def test_a_stale_edit_is_refused_and_shows_the_other_persons_version(client, world):
    tie = make_tie(world.p_icm, by=world.alice, quality=Quality.SUPPORTIVE)
    stale = _edit(tie, quality="stressful")
    Tie.objects.filter(pk=tie.pk).update(version=1, quality="mixed")  # someone else saved
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap:tie_edit", args=[world.p_icm.pk, tie.pk]),
        stale,
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    tie.refresh_from_db()
    assert tie.quality == "mixed"
    assert str(STALE_MESSAGE) in body.replace("&#x27;", "'")
    assert 'id="tie-fields" hx-swap-oob="true"' in body
    assert 'value="mixed" required id="id_quality_1" checked' in body


def test_a_stale_edit_without_htmx_is_refused_too(client, world):
    tie = make_tie(world.p_icm, by=world.alice)
    stale = _edit(tie, name="Changed")
    Tie.objects.filter(pk=tie.pk).update(version=4)
    client.force_login(world.alice)
    response = client.post(reverse("ecomap:tie_edit", args=[world.p_icm.pk, tie.pk]), stale)
    assert response.status_code == 200
    assert Tie.objects.get(pk=tie.pk).name == "Sister"
    assert "Nothing was saved" in response.content.decode()


def test_ending_a_tie_takes_it_off_the_map_and_keeps_it_in_the_history(client, world):
    tie = make_tie(world.p_icm, by=world.alice, name="Drinking buddies")
    client.force_login(world.alice)
    today = timezone.localdate()
    client.post(
        reverse("ecomap:tie_end", args=[world.p_icm.pk, tie.pk]),
        {"ended_on": today.isoformat(), "version": 0},
    )
    tie.refresh_from_db()
    assert tie.ended_on == today
    body = client.get(reverse("ecomap:ecomap", args=[world.p_icm.pk])).content.decode()
    assert 'class="ecomap-node"' not in body
    assert "Ties that ended" in body and "Drinking buddies" in body


def test_an_ended_tie_can_be_brought_back(client, world):
    tie = make_tie(world.p_icm, by=world.alice, ended_on=timezone.localdate())
    client.force_login(world.alice)
    url = reverse("ecomap:tie_end", args=[world.p_icm.pk, tie.pk])
    client.post(url, {"ended_on": "", "version": 0})
    tie.refresh_from_db()
    assert tie.ended_on is None and tie.version == 1


def test_ending_a_tie_needs_a_date_that_is_not_in_the_future(client, world):
    tie = make_tie(world.p_icm, by=world.alice)
    client.force_login(world.alice)
    url = reverse("ecomap:tie_end", args=[world.p_icm.pk, tie.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    for value in ("", tomorrow.isoformat()):
        assert client.post(url, {"ended_on": value, "version": 0}).status_code == 200
    assert Tie.objects.get(pk=tie.pk).ended_on is None


def test_a_tie_cannot_be_reached_through_another_person_in_reach(client, world):
    other = make_tie(world.p_act, by=world.bob)
    client.force_login(world.pam)  # reaches p_icm, not p_act
    url = reverse("ecomap:tie_edit", args=[world.p_icm.pk, other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _edit(other, name="x")).status_code == 404


def test_taking_a_snapshot_freezes_todays_map(client, world):
    make_tie(world.p_icm, by=world.alice)
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap:snapshot_take", args=[world.p_icm.pk]),
        {"taken_on": timezone.localdate().isoformat(), "note": "“My people.”"},
    )
    snapshot = Snapshot.objects.get(person=world.p_icm)
    assert response.status_code == 302 and len(snapshot.ties) == 1
    assert snapshot.taken_by == world.alice and snapshot.note == "“My people.”"
    page = client.get(reverse("ecomap:snapshot", args=[world.p_icm.pk, snapshot.pk]))
    assert "“My people.”" in page.content.decode()


def test_a_snapshot_cannot_be_dated_in_the_future(client, world):
    client.force_login(world.alice)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("ecomap:snapshot_take", args=[world.p_icm.pk]), {"taken_on": tomorrow}
    )
    assert response.status_code == 200 and not Snapshot.objects.exists()


def _two_snapshots(world):
    today = timezone.localdate()
    sister = make_tie(world.p_icm, by=world.alice, strength=Strength.TENUOUS)
    street = make_tie(world.p_icm, by=world.alice, name="Street friends", kind="peer")
    first = take_snapshot(world.p_icm, by=world.alice, on=today - timedelta(days=200))
    sister.strength = Strength.STRONG
    sister.save()
    street.ended_on = today
    street.save()
    make_tie(world.p_icm, by=world.alice, name="Football club", kind="leisure")
    second = take_snapshot(world.p_icm, by=world.alice, on=today - timedelta(days=5))
    return first, second


def test_the_comparison_page_defaults_to_the_last_two_snapshots(client, world):
    _two_snapshots(world)
    client.force_login(world.alice)
    body = client.get(reverse("ecomap:compare", args=[world.p_icm.pk])).content.decode()
    gained = body.index("Ties gained")
    assert body.index("Football club", gained) < body.index("Ties lost")
    assert "Street friends" in body[body.index("Ties lost") :]
    assert "Tenuous → Strong" in body
    assert 'id="compare-a-title"' in body and 'id="compare-b-title"' in body


def test_the_comparison_page_puts_the_earlier_map_first_whatever_the_order_asked(client, world):
    first, second = _two_snapshots(world)
    client.force_login(world.alice)
    url = reverse("ecomap:compare", args=[world.p_icm.pk])
    body = client.get(url, {"a": second.pk, "b": first.pk}).content.decode()
    assert "Tenuous → Strong" in body


def test_one_snapshot_is_compared_with_todays_map(client, world):
    make_tie(world.p_icm, by=world.alice)
    take_snapshot(world.p_icm, by=world.alice, on=timezone.localdate())
    make_tie(world.p_icm, by=world.alice, name="New neighbour", kind="neighbour")
    client.force_login(world.alice)
    body = client.get(reverse("ecomap:compare", args=[world.p_icm.pk])).content.decode()
    assert "New neighbour" in body[body.index("Ties gained") :]


# Query counts


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill(world, n):
    for i in range(n):
        make_tie(world.p_icm, by=world.alice, name=f"Tie {i}", ended_on=None)
    take_snapshot(world.p_icm, by=world.alice, on=timezone.localdate())


def test_the_ecomap_page_costs_the_same_for_2_and_30_ties(client, world):
    client.force_login(world.alice)
    url = reverse("ecomap:ecomap", args=[world.p_icm.pk])
    _fill(world, 2)
    small = _count(client, url)
    _fill(world, 28)
    Tie.objects.filter(name="Tie 0").update(ended_on=timezone.localdate())
    assert _count(client, url) == small == ECOMAP_PAGE_QUERIES


def test_the_comparison_page_costs_the_same_for_2_and_30_ties(client, world):
    client.force_login(world.alice)
    url = reverse("ecomap:compare", args=[world.p_icm.pk])
    _fill(world, 2)
    take_snapshot(world.p_icm, by=world.alice, on=timezone.localdate())
    small = _count(client, url)
    _fill(world, 28)
    assert _count(client, url) == small == COMPARE_PAGE_QUERIES


# The person page section


def test_the_person_section_counts_the_network_in_two_queries(world):
    make_tie(world.p_icm, by=world.alice)
    make_tie(world.p_icm, by=world.alice, name="Landlord", quality=Quality.STRESSFUL)
    request = RequestFactory().get("/")
    request.user = world.alice
    with CaptureQueriesContext(connection) as ctx:
        section = person_section(request, world.p_icm, [])
    assert len(ctx.captured_queries) == 2
    assert (section["ties"], section["supportive"], section["stressful"]) == (2, 1, 1)
    html = render_to_string("ecomap/_person_section.html", section)
    assert "<section" in html and reverse("ecomap:ecomap", args=[world.p_icm.pk]) in html


# API


def test_the_api_lists_only_ties_within_reach(client, world):
    mine = make_tie(world.p_icm, by=world.alice)
    make_tie(world.p_act, by=world.bob)
    client.force_login(world.alice)
    items = client.get(reverse("tie-list")).json()["results"]
    assert [item["id"] for item in items] == [mine.pk]
    assert AuditEvent.objects.filter(action="list", object_type="ecomap.Tie").exists()


def test_the_api_refuses_a_tie_for_a_person_out_of_reach(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("tie-list"),
        {"person": world.p_act.pk, "name": "X", "kind": "friend"},
        content_type="application/json",
    )
    assert response.status_code == 400 and not Tie.objects.exists()


def test_an_api_update_based_on_an_old_version_answers_409(client, world):
    tie = make_tie(world.p_icm, by=world.alice)
    client.force_login(world.alice)
    url = reverse("tie-detail", args=[tie.pk])
    first = client.patch(url, {"strength": "strong", "version": 0}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.patch(
        url, {"quality": "stressful", "version": 0}, content_type="application/json"
    )
    assert stale.status_code == 409
    tie.refresh_from_db()
    assert (tie.strength, tie.quality) == ("strong", "supportive")


def test_an_api_update_needs_the_version_read(client, world):
    tie = make_tie(world.p_icm, by=world.alice)
    client.force_login(world.alice)
    response = client.patch(
        reverse("tie-detail", args=[tie.pk]), {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 400


def test_the_api_takes_a_snapshot_of_the_current_ties(client, world):
    make_tie(world.p_icm, by=world.alice)
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap_snapshot-list"),
        {"person": world.p_icm.pk, "note": "Review"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert [t["name"] for t in response.json()["ties"]] == ["Sister"]
    assert AuditEvent.objects.filter(action="create", object_type="ecomap.Snapshot").exists()


# Demo


@pytest.mark.parametrize("language", ["en", "fr", "da", "pt-br"])
def test_the_demo_shows_a_network_that_changed_since_move_in(world, language):
    case = Case.objects.get(person=world.p_icm)
    today = timezone.localdate()
    case.opened_on = today - timedelta(days=400)
    case.moved_in_on = today - timedelta(days=360)
    demo.load(case, language=language, today=today, rnd=random.Random(1), by=world.alice)
    demo.load(case, language=language, today=today, rnd=random.Random(1), by=world.alice)
    assert 6 <= Tie.objects.filter(person=world.p_icm).count() <= 10
    first, second = Snapshot.objects.filter(person=world.p_icm).chronological()
    assert first.taken_on < second.taken_on
    result = compare(
        [TieState.from_dict(d) for d in first.ties], [TieState.from_dict(d) for d in second.ties]
    )
    assert result.gained and result.lost and result.strengthened and result.strained
    assert Tie.objects.filter(person=world.p_icm).ended().count() == len(result.lost)


@pytest.mark.parametrize("route", ["tie", "ecomap_snapshot"])
def test_an_ecomap_note_of_100000_characters_is_refused_through_the_api(client, world, route):
    """Issue 12 §2: ties' and snapshots' notes hold at most 2,000 characters."""
    client.force_login(world.alice)
    body = {"person": world.p_icm.pk, "name": "Sister", "kind": "family", "note": "x" * 100_000}
    response = client.post(reverse(f"{route}-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert "no more than 2000 characters" in response.json()["note"][0]
    assert not Tie.objects.exists() and not Snapshot.objects.exists()


def test_an_ecomap_note_of_100000_characters_is_refused_by_the_web_form(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("ecomap:tie_add", args=[world.p_icm.pk]),
        {"name": "Sister", "kind": "family", "strength": "strong", "quality": "supportive"}
        | {"note": "x" * 100_000},
    )
    assert "Ensure this value has at most 2000 characters" in response.content.decode()
    assert not Tie.objects.exists()
