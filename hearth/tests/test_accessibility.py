"""WCAG 2.1 AA (issue 12 §5): axe-core, from npm, checks every main page as each role, on a
phone and on a desktop, in Debian's Chromium. No page may have a critical or a serious
violation, nor any of the two the issue names (scrollable-region-focusable, landmark-unique).

axe is a test-only asset: it is read from ``node_modules`` and evaluated in the page through
the DevTools protocol, which the page's Content Security Policy does not govern. The policy
itself is untouched (no ``bypass_csp``, no inline script): each page is checked to carry it,
and anything it refuses on the way (the console's reports) fails the test as well.

``HEARTH_AXE_REPORT=<file>`` writes every violation found (of any impact) as JSON lines, to
count them by rule and impact.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.testing import DESKTOP, PHONE
from hearth.tests.test_access_walk import ALL_PATTERNS, _ids_for, _url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # One worker walks all roles with one Chromium, beside the rest of the suite.
    pytest.mark.xdist_group("axe"),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") if AXE.exists() else ""
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"critical", "serious"}
# Found by hand before the test existed (issue 12 §5): failing whatever impact axe gives them.
NAMED_RULES = {"scrollable-region-focusable", "landmark-unique"}

RUN_AXE = """async (tags) => {
  // What a person can unfold is checked too.
  for (const details of document.querySelectorAll("details")) details.open = true;
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""

# Hearth's own checks beside axe's, which has no rule for them: a group of radio buttons is
# named, by its fieldset's legend or a labelled group, so a screen reader says what is chosen
# (WCAG 1.3.1, 3.3.2); and every id that names or describes a control is on the page (axe is
# content with one of several), or the help and the error the control points to go unsaid.
HEARTH_CHECKS = r"""() => {
  const groups = new Map();
  for (const radio of document.querySelectorAll("input[type=radio]")) {
    if (radio.checkVisibility()) groups.set(radio.name, [...(groups.get(radio.name) || []), radio]);
  }
  const named = "fieldset:has(> legend), [role=radiogroup][aria-labelledby], "
    + "[role=radiogroup][aria-label], [role=group][aria-labelledby], [role=group][aria-label]";
  const unnamed = [...groups].filter(([, radios]) => radios.length > 1 && !radios[0].closest(named))
    .map(([name]) => ({
      rule: "radio-group-name",
      impact: "serious",
      help: "A group of radio buttons is named by its fieldset's legend",
      targets: [`input[name=${name}]`],
    }));
  const dangling = [];
  for (const element of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
    for (const attribute of ["aria-describedby", "aria-labelledby"]) {
      const missing = (element.getAttribute(attribute) || "").split(/\s+/)
        .filter((id) => id && !document.getElementById(id));
      if (missing.length) dangling.push({
        rule: "aria-reference-missing",
        impact: "serious",
        help: `${attribute} names ids that are not on the page: ${missing.join(" ")}`,
        targets: [element.id ? `#${element.id}` : element.tagName.toLowerCase()],
      });
    }
  }
  return [...unnamed, ...dangling];
}"""

# What each role uses, as (URL name, the record set its arguments come from).
# "icm" is the ICM case manager's person, "act" the ACT team's person.
PAGES = {
    "case_manager": [
        ("cases:my_caseload", None),
        ("visits:due", None),
        ("visits:agenda", None),
        ("visits:agenda_week", None),
        ("people:list", None),
        ("cases:open", None),
        ("people:detail", "icm"),
        ("people:edit", "icm"),
        ("people:household_add", "icm"),
        ("people:identifier_add", "icm"),
        ("people:living_situation_add", "icm"),
        ("cases:edit", "icm"),
        ("cases:workers", "icm"),
        ("cases:transfer", "icm"),
        ("cases:readiness", "icm"),
        ("cases:close", "icm"),
        ("cases:contact_add", "icm"),
        ("reports:edit", "icm"),
        ("visits:cadence", "icm"),
        ("visits:appointment_add", "icm"),
        ("visits:crisis_add", "icm"),
        ("meetings:conference_add", "icm"),
        ("plans:plan", "icm"),
        ("plans:goal_add", "icm"),
        ("plans:version", "icm"),
        ("plans:agreement", "icm"),
        ("plans:copy", "icm"),
        ("ecomap:ecomap", "icm"),
        ("ecomap:tie_edit", "icm"),
        ("ecomap:compare", "icm"),
        ("tools:assessment_new", "icm"),
        ("tools:assessment", "icm"),
        ("tools:vulnerability", "icm"),
        ("money:money", "icm"),
        ("money:income_add", "icm"),
        ("money:budget_add", "icm"),
        ("money:assistance_request", "icm"),
        ("housing:supply", None),
        ("housing:search", "icm"),
        ("housing:tenancy_edit", "icm"),
        ("referrals:case_referrals", "icm"),
        ("referrals:new", "icm"),
        ("referrals:detail", "icm"),
        ("referrals:consents", "icm"),
        ("referrals:consent_new", "icm"),
        ("documents:list", "icm"),
        ("documents:upload", "icm"),
        ("directory:resources", None),
        ("directory:resource", "icm"),
        ("directory:suggest_from_case", "icm"),
        ("economics:service_use", "icm"),
        ("accounts:settings", None),
    ],
    "act_member": [
        ("meetings:board", "act"),
        ("cases:my_caseload", None),
        ("people:detail", "act"),
        ("roster:on_call", "act"),
        ("roster:crisis_summary", "act"),
        ("fidelity:team", "act"),
    ],
    "team_lead": [
        ("cases:team_caseload", "icm"),
        ("roster:team", "icm"),
        ("roster:shift_add", "icm"),
        ("fidelity:team", "icm"),
        ("money:waiting", None),
        ("money:assistance_decide", "icm"),
        ("plans:review", "icm"),
        ("tools:review_add", "icm"),
    ],
    "program_manager": [
        ("programs:list", None),
        ("programs:detail", "icm"),
        ("outcomes:dashboard", "icm"),
        ("outcomes:benchmarks", "icm"),
        ("outcomes:benchmark_edit", "icm"),
        ("economics:program", "icm"),
        ("fidelity:self_assessment", "icm"),
        ("feedback:rounds", "icm"),
        ("feedback:results", "icm"),
        ("reports:templates", "icm"),
        ("tools:instruments", "icm"),
        ("programs:program_edit", "icm"),
    ],
    "data_administrator": [
        ("outcomes:organisation_dashboard", "icm"),
        ("outcomes:dashboard", "act"),
        ("fidelity:team", "act"),
        ("programs:manage", None),
        ("programs:organisation_edit", "icm"),
        ("programs:staff", "icm"),
        ("programs:staff_create", "icm"),
        ("programs:team_edit", "icm"),
        ("programs:membership_edit", "icm"),
        ("directory:suggestions", None),
        ("directory:suggestion", "icm"),
        ("directory:partners", None),
        ("directory:partner", "icm"),
        ("housing:provider", "icm"),
        ("referrals:barrier_report", None),
    ],
}
# Pages seen without signing in: the sign-in page and the links handed to the person.
PUBLIC_PAGES = [("accounts:login", None), ("plans:public", "icm"), ("feedback:public", "icm")]


def _furnish(world) -> dict[str, dict]:
    """A record of every kind for the two persons, so that every page has something to show:
    the access walk's records, a plan version still to agree, a fidelity review, a shift."""
    from fidelity.reviews import rate_team, save_review
    from plans.testing import make_plan
    from roster.models import Shift

    records = {"icm": _ids_for(world.p_icm), "act": _ids_for(world.p_act)}
    for key, person in (("icm", world.p_icm), ("act", world.p_act)):
        case = person.cases.get()
        _plan, to_agree = make_plan(case, agreed=False)
        records[key]["plan_version_id"] = to_agree.pk
    today = timezone.localdate()
    judged = {
        row.item.code: (3, "Seen in the team's records")
        for row in rate_team(world.icm_team, on=today)
        if not row.item.is_computed
    }
    save_review(world.icm_team, on=today, by=world.tina, judged=judged, note="First review")
    now = timezone.now()
    Shift.objects.create(
        team=world.act_team,
        user=world.bob,
        kind=Shift.Kind.ON_CALL,
        starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(hours=10),
        created_by=world.bob,
    )
    return records


ARGUMENTS = {name: kwargs for name, kwargs, _ in ALL_PATTERNS}


def _refusals(page) -> list[str]:
    """What the page's Content Security Policy refuses, as the console reports it."""
    refused: list[str] = []

    def listen(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", listen)
    return refused


def _check(page, path: str, *, where: str, refused: list[str]) -> list[dict]:
    """Open ``path``, run axe on it, and return its violations (of every impact) with what the
    page's policy refused meanwhile (``refused``, filled by ``_refusals``)."""
    refused.clear()
    response = page.goto(path)
    assert response.status == 200, f"{where}: {path} answered {response.status}"
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (
        f"{where}: {path} is not served with Hearth's strict policy: {policy!r}"
    )
    found = page.evaluate(RUN_AXE, TAGS) + page.evaluate(HEARTH_CHECKS)
    found += [
        {"rule": "content-security-policy", "impact": "serious", "help": text, "targets": []}
        for text in refused
    ]
    return [{"page": path, "where": where, **violation} for violation in found]


def _walk(browser, live_server, pages, records, *, role: str, user=None) -> list[dict]:
    """Every page of ``pages`` on each viewport, signed in as ``user`` (or nobody)."""
    found = []
    for viewport_name, viewport in VIEWPORTS.items():
        phone = viewport_name == "phone"
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        context.add_init_script(script=AXE_SOURCE)
        page = context.new_page()
        page.set_default_timeout(15_000)
        refused = _refusals(page)
        if user is not None:
            page.goto(f"{live_server.url}/accounts/sign-in/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", "correct horse battery")
            page.locator("form button[type=submit]").first.click()
            page.wait_for_url(lambda url: "/sign-in/" not in url)
        for name, record in pages:
            path = _url(name, ARGUMENTS[name], records[record] if record else {})
            found += _check(
                page, f"{live_server.url}{path}", where=f"{role}, {viewport_name}", refused=refused
            )
        context.close()
    return found


def _failing(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS or v["rule"] in NAMED_RULES]


def _report(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['rule']} ({v['impact']}) on {v['page']} as {v['where']}: {v['help']}\n"
        + "".join(f"    {target}\n" for target in v["targets"][:8])
        for v in violations
    )


def _keep(violations: list[dict], role: str) -> None:
    if path := os.environ.get("HEARTH_AXE_REPORT"):
        with open(path, "a", encoding="utf-8") as out:
            for violation in violations:
                out.write(json.dumps({"role": role, **violation}) + "\n")


@pytest.mark.parametrize("role", list(PAGES))
def test_every_main_page_passes_axe_as_each_role_on_a_phone_and_a_desktop(
    live_server, browser, world, role
):
    assert AXE_SOURCE, f"axe-core is missing: {AXE} (npm ci)"
    user = {
        "case_manager": world.alice,
        "act_member": world.bob,
        "team_lead": world.tina,
        "program_manager": world.pam,
        "data_administrator": world.dora,
    }[role]
    records = _furnish(world)
    violations = _walk(browser, live_server, PAGES[role], records, role=role, user=user)
    _keep(violations, role)
    failing = _failing(violations)
    assert not failing, f"{len(failing)} violations found:\n{_report(failing)}"


def test_the_pages_handed_to_the_person_and_the_sign_in_page_pass_axe(live_server, browser, world):
    assert AXE_SOURCE, f"axe-core is missing: {AXE} (npm ci)"
    records = _furnish(world)
    violations = _walk(browser, live_server, PUBLIC_PAGES, records, role="anonymous")
    _keep(violations, "anonymous")
    failing = _failing(violations)
    assert not failing, f"{len(failing)} violations found:\n{_report(failing)}"
