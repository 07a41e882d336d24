"""Plain factory functions for tests: keyword-only arguments with sensible defaults."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from cases.lifecycle import Opening, open_case
from cases.models import Case
from housing.situations import Situation
from people.models import Person
from programs.models import Country, Membership, Organisation, Program, ServiceModel, Team
from programs.roles import Role

_seq = itertools.count(1)

# A phone in a client's kitchen: the viewport every browser test uses.
PHONE = {"width": 390, "height": 844}
# The narrowest phone Hearth is laid out for, and a desktop.
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def sign_in(page, live_server, username: str, password: str) -> None:
    """Sign in through the sign-in page (browser tests)."""
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


# A real (tiny) PNG, as the signature pad sends a signature (hearth.signatures).
TINY_PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def make_organisation(
    *, name: str = "", country: str = Country.CANADA, language: str = "en"
) -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(
        name=name or f"Organisation {n}",
        slug=f"org-{n}",
        country=country,
        language=language,
        currency={"CA": "CAD", "DK": "DKK", "BR": "BRL", "US": "USD"}[country],
        time_zone="America/Toronto",
    )


def make_program(
    *,
    organisation: Organisation | None = None,
    model: str = ServiceModel.ICM,
    name: str = "",
    **standards,
) -> Program:
    organisation = organisation or make_organisation()
    program = Program(
        organisation=organisation, model=model, name=name or f"{model} program {next(_seq)}"
    )
    program.apply_standard_defaults()
    for key, value in standards.items():
        setattr(program, key, value)
    program.save()
    return program


def make_team(*, program: Program | None = None, name: str = "") -> Team:
    program = program or make_program()
    return Team.objects.create(program=program, name=name or f"Team {next(_seq)}")


def make_user(
    *,
    username: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str = "correct horse battery",
) -> User:
    n = next(_seq)
    user = User(
        username=username or f"user{n}",
        first_name=first_name or "Staff",
        last_name=last_name or f"Member {n}",
    )
    user.set_password(password)
    user.save()
    return user


def add_member(
    user: User,
    *,
    role: str = Role.CASE_MANAGER,
    team: Team | None = None,
    program: Program | None = None,
    organisation: Organisation | None = None,
    fte: float = 1,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Membership:
    if team is not None:
        program = team.program
    if program is not None:
        organisation = program.organisation
    return Membership.objects.create(
        user=user,
        role=role,
        team=team,
        program=program,
        organisation=organisation,
        fte=fte,
        start_date=start_date or timezone.localdate() - timedelta(days=365),
        end_date=end_date,
    )


def make_person(
    *,
    organisation: Organisation,
    created_by: User,
    given_name: str = "",
    family_name: str = "",
    birth_date: date | None = None,
    **fields,
) -> Person:
    n = next(_seq)
    return Person.objects.create(
        organisation=organisation,
        created_by=created_by,
        given_name=given_name or f"Given{n}",
        family_name=family_name or f"Family{n}",
        birth_date=birth_date,
        **fields,
    )


def make_case(
    *,
    team: Team,
    by: User,
    person: Person | None = None,
    primary: User | None = None,
    backup: User | None = None,
    opened_on: date | None = None,
    intake: int = Situation.NOT_MEANT_FOR_HABITATION,
    confirm: bool = False,
    **person_fields,
) -> Case:
    person = person or make_person(
        organisation=team.program.organisation, created_by=by, **person_fields
    )
    opening = Opening(
        team=team,
        opened_on=opened_on or timezone.localdate(),
        target_group="homeless",
        intake_situation=intake,
        primary_worker=primary,
        backup_worker=backup,
    )
    return open_case(person=person, opening=opening, by=by, confirm_over_standard=confirm)


# Browser tests: a person signs on the pad (includes/signature_pad.html) ----------------------


def _stroke(box: dict) -> list[tuple[float, float]]:
    """A zig-zag across the pad, like a quick signature."""
    return [(box["x"] + 20 + step * 18, box["y"] + 60 + (step % 4) * 15) for step in range(0, 15)]


def draw_with_mouse(page, canvas) -> None:
    canvas.scroll_into_view_if_needed()
    points = _stroke(canvas.bounding_box())
    page.mouse.move(*points[0])
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*point)
    page.mouse.up()


def draw_with_finger(page, canvas) -> None:
    """Real touch input through the DevTools protocol (Playwright's touchscreen only taps):
    Chromium turns it into the pointer events signature_pad listens to."""
    canvas.scroll_into_view_if_needed()
    points = _stroke(canvas.bounding_box())
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [{"x": points[0][0], "y": points[0][1]}]},
    )
    for x, y in points[1:]:
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


# A keyboard's user in the browser tests: the Tab key moves on, and the focus must be seen.
# True when the element holding the focus shows it: an outline, or a ring drawn as a box shadow
# (Pico's way) that is neither transparent nor of zero size.
_FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || !element.matches(":focus-visible")) return false;
  const style = getComputedStyle(element);
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) return true;
  return style.boxShadow.split(/,(?![^(]*\\))/).some((shadow) =>
    !/rgba\\([^)]*,\\s*0\\)/.test(shadow) && /[1-9][\\d.]*px/.test(shadow));
}"""


def focus_is_shown(page) -> bool:
    """Whether the focus can be seen, once the focus ring's transition (Pico: 0.2 s) is over."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_FOCUS_SHOWN, timeout=1_000)
    except PlaywrightTimeout:
        return False
    return True


def tab_to(page, target, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (Shift+Tab ``backwards``) until ``target`` (a Playwright locator) has the focus,
    and check that the focus can be seen there. Fails when ``limit`` presses do not reach it:
    out of the tab order, hidden, or behind a keyboard trap."""
    target = target.first
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if target.evaluate("element => element === document.activeElement"):
            assert focus_is_shown(page), f"the focus on {target} cannot be seen"
            return
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{limit} presses of Tab do not reach {target}; the focus is on {focused}")
