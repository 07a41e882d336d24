"""Income and spending (R16): monthly amounts, income at opening against now, budgets, the
program's assistance and who may approve it, money written in each language, reach."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from cases.models import Case
from documents.models import Document
from documents.testing import EXE_BYTES, PDF_BYTES
from hearth import testing as t
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.formatting import format_money
from money.assistance import decide, mark_paid, may_decide
from money.income import with_income
from money.models import (
    ApplicationStatus,
    AssistanceStatus,
    Budget,
    Frequency,
    IncomeSource,
    monthly,
)
from money.sections import person_section
from money.testing import make_assistance, make_budget, make_income

pytestmark = pytest.mark.django_db

MONEY_PAGE_QUERIES = 13
WAITING_PAGE_QUERIES = 7
SECTION_QUERIES = 3


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Receipts go to this test's own folder, never into the repository."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path / "private"


def case_of(person) -> Case:
    return Case.objects.get(person=person)


def today():
    return timezone.localdate()


# Monthly amounts


@pytest.mark.parametrize(
    "amount,frequency,expected",
    [
        ("100", Frequency.WEEKLY, "433.33"),
        ("100", Frequency.BIWEEKLY, "216.67"),
        ("100", Frequency.MONTHLY, "100.00"),
        ("1200", Frequency.YEARLY, "100.00"),
    ],
)
def test_an_amount_is_converted_to_a_monthly_amount(amount, frequency, expected):
    assert monthly(Decimal(amount), frequency) == Decimal(expected)


def test_the_database_converts_to_monthly_amounts_like_python(world):
    for frequency in Frequency:
        make_income(world.p_icm, by=world.alice, amount="100", frequency=frequency)
    for source in IncomeSource.objects.with_monthly_amount():
        assert Decimal(source.monthly_amount_db).quantize(Decimal("0.01")) == source.monthly_amount


# Income at opening against now


def _history(world):
    """At opening: assistance 733 a month and wages 100 a week. Since: wages ended, a
    disability benefit granted; a refused application and a pending one count for nothing."""
    case = case_of(world.p_icm)
    case.opened_on = today() - timedelta(days=200)
    case.save()
    before, after = case.opened_on - timedelta(days=30), case.opened_on + timedelta(days=60)
    make_income(world.p_icm, by=world.alice, amount="733", started_on=before, ended_on=after)
    make_income(
        world.p_icm,
        by=world.alice,
        kind="wages",
        amount="100",
        frequency=Frequency.WEEKLY,
        started_on=before,
        ended_on=after,
    )
    make_income(world.p_icm, by=world.alice, kind="disability", amount="1368", started_on=after)
    make_income(
        world.p_icm,
        by=world.alice,
        kind="housing",
        amount="300",
        status=ApplicationStatus.REFUSED,
        refusal_reason="Income too high",
    )
    make_income(world.p_icm, by=world.alice, kind="pension", status=ApplicationStatus.APPLIED)
    return case


def test_income_at_opening_and_now_count_granted_sources_active_on_each_day(world):
    """R16/R25: monthly income at the case's opening against today."""
    _history(world)
    case = with_income(Case.objects.filter(person=world.p_icm), today=today()).get()
    assert case.income_at_opening.quantize(Decimal("0.01")) == Decimal("1166.33")
    assert case.income_now.quantize(Decimal("0.01")) == Decimal("1368.00")


def test_income_at_opening_and_now_is_one_query_for_many_cases(world, django_assert_num_queries):
    _history(world)
    for person in (world.p_act, world.p_icm_b):
        make_income(person, by=world.bob, amount="500")
    with django_assert_num_queries(1):
        cases = list(with_income(Case.objects.all(), today=today()))
    assert len(cases) == 4
    by_person = {c.person_id: c for c in cases}
    assert by_person[world.p_act.pk].income_now == Decimal("500")
    assert by_person[world.p_south.pk].income_now == 0


# Benefit applications


def test_a_refused_application_needs_a_reason(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("money:income_add", args=[world.p_icm.pk]),
        {"kind": "housing", "amount": "300", "frequency": "monthly", "status": "refused"},
    )
    assert response.status_code == 400
    assert "Say why the application was refused." in response.content.decode()
    assert not IncomeSource.objects.exists()


def test_a_refused_benefit_is_recorded_as_a_barrier(client, world):
    """R37: a refusal becomes a barrier for advocacy."""
    barriers = pytest.importorskip("referrals.barriers")
    del barriers
    from referrals.models import Barrier

    client.force_login(world.alice)
    client.post(
        reverse("money:income_add", args=[world.p_icm.pk]),
        {
            "kind": "housing",
            "amount": "300",
            "frequency": "monthly",
            "status": "refused",
            "applied_on": (today() - timedelta(days=20)).isoformat(),
            "decided_on": today().isoformat(),
            "refusal_reason": "Counted the partner's income",
        },
    )
    barrier = Barrier.objects.get()
    assert barrier.category == "benefit_refused"
    assert "Counted the partner's income" in barrier.description


def test_a_stale_income_edit_is_refused(client, world):
    source = make_income(world.p_icm, by=world.alice)
    source.amount = Decimal("750")
    source.version = 1
    source.save()
    client.force_login(world.alice)
    response = client.post(
        reverse("money:income_edit", args=[world.p_icm.pk, source.pk]),
        {
            "kind": "social_assistance",
            "amount": "800",
            "frequency": "monthly",
            "status": "granted",
            "version": 0,
        },
    )
    assert str(STALE_MESSAGE) in response.content.decode()
    source.refresh_from_db()
    assert source.amount == Decimal("750")


# Budgets


def test_a_budget_sums_income_spending_and_what_is_left(world):
    make_budget(
        world.p_icm,
        by=world.alice,
        month=today(),
        lines=[("income", "1368"), ("rent", "850"), ("food", "300"), ("phone", "45")],
    )
    budget = Budget.objects.with_totals().get()
    assert (budget.income_total, budget.expense_total, budget.left) == (
        Decimal("1368"),
        Decimal("1195"),
        Decimal("173"),
    )
    assert budget.month.day == 1


def test_a_budget_is_made_with_its_lines_in_one_step(client, world):
    client.force_login(world.alice)
    data = {
        "month": today().isoformat(),
        "priorities": "Pay the rent first, then the phone.",
        "made_with_person": "on",
        "lines-TOTAL_FORMS": "4",
        "lines-INITIAL_FORMS": "0",
        "lines-0-category": "income",
        "lines-0-amount": "1000",
        "lines-1-category": "rent",
        "lines-1-amount": "700",
    }
    response = client.post(reverse("money:budget_add", args=[world.p_icm.pk]), data)
    assert response.status_code == 302
    budget = Budget.objects.with_totals().get()
    assert budget.left == Decimal("300") and budget.case == case_of(world.p_icm)


def test_a_budget_line_with_a_bad_amount_saves_nothing(client, world):
    client.force_login(world.alice)
    data = {
        "month": today().isoformat(),
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-0-category": "income",
        "lines-0-amount": "1000",
        "lines-1-category": "rent",
        "lines-1-amount": "-5",
    }
    response = client.post(reverse("money:budget_add", args=[world.p_icm.pk]), data)
    assert response.status_code == 400
    assert not Budget.objects.exists()


# Financial assistance: who approves


def test_the_team_lead_can_approve(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    decide(assistance, by=world.tina, approve=True, on=today(), expected_version=0)
    assistance.refresh_from_db()
    assert (assistance.status, assistance.decided_by) == (AssistanceStatus.APPROVED, world.tina)


def test_the_program_manager_can_approve(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    assert may_decide(world.pam, assistance)


def test_a_worker_cannot_approve(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.tina)
    with pytest.raises(PermissionDenied):
        decide(assistance, by=world.alice, approve=True, on=today(), expected_version=0)


def test_the_requester_cannot_approve_their_own_request(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.tina)
    with pytest.raises(PermissionDenied):
        decide(assistance, by=world.tina, approve=True, on=today(), expected_version=0)


def test_a_lead_of_another_team_cannot_approve(world):
    other_lead = t.make_user(username="olga")
    t.add_member(other_lead, role="team_lead", team=world.icm_team_b)
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    assert not may_decide(other_lead, assistance)


def test_a_stale_approval_is_refused(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    decide(
        assistance,
        by=world.tina,
        approve=False,
        reason="Ask the city first",
        on=today(),
        expected_version=0,
    )
    stale = make_assistance(case_of(world.p_icm), by=world.alice)
    stale.version = 3
    stale.save()
    with pytest.raises(StaleEdit):
        decide(stale, by=world.tina, approve=True, on=today(), expected_version=2)
    with pytest.raises(ValidationError):  # already decided
        decide(assistance, by=world.pam, approve=True, on=today(), expected_version=1)


def test_a_refusal_needs_a_reason(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    with pytest.raises(ValidationError):
        decide(assistance, by=world.tina, approve=False, on=today(), expected_version=0)


def test_a_worker_gets_403_on_the_decision_page(client, world):
    assistance = make_assistance(case_of(world.p_icm), by=world.tina)
    client.force_login(world.alice)
    url = reverse("money:assistance_decide", args=[world.p_icm.pk, assistance.pk])
    assert client.post(url, {"version": 0, "decision": "approve"}).status_code == 403
    assistance.refresh_from_db()
    assert assistance.status == AssistanceStatus.REQUESTED


def test_the_lead_approves_from_the_waiting_list(client, world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    client.force_login(world.tina)
    assert assistance.note in client.get(reverse("money:waiting")).content.decode()
    url = reverse("money:assistance_decide", args=[world.p_icm.pk, assistance.pk])
    response = client.post(url, {"version": 0, "decision": "approve", "next": "waiting"})
    assert response.status_code == 302 and response["Location"] == reverse("money:waiting")
    assistance.refresh_from_db()
    assert assistance.status == AssistanceStatus.APPROVED


def test_a_stale_decision_on_the_page_shows_the_stale_message(client, world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    decide(assistance, by=world.pam, approve=True, on=today(), expected_version=0)
    client.force_login(world.tina)
    url = reverse("money:assistance_decide", args=[world.p_icm.pk, assistance.pk])
    response = client.post(url, {"version": 0, "decision": "refuse", "reason": "No"})
    assert str(STALE_MESSAGE) in response.content.decode()
    assistance.refresh_from_db()
    assert assistance.status == AssistanceStatus.APPROVED


# Payment and receipt


def _approved(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    decide(assistance, by=world.tina, approve=True, on=today(), expected_version=0)
    return assistance


def test_a_payment_keeps_its_receipt_as_a_document(client, world):
    assistance = _approved(world)
    client.force_login(world.alice)
    response = client.post(
        reverse("money:assistance_pay", args=[world.p_icm.pk, assistance.pk]),
        {
            "version": 1,
            "paid_on": today().isoformat(),
            "receipt": SimpleUploadedFile("r.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    assistance.refresh_from_db()
    assert assistance.status == AssistanceStatus.PAID
    assert assistance.receipt.kind == "receipt" and assistance.receipt.person == world.p_icm


def test_a_payment_with_a_refused_receipt_saves_nothing(client, world, private_root):
    assistance = _approved(world)
    client.force_login(world.alice)
    response = client.post(
        reverse("money:assistance_pay", args=[world.p_icm.pk, assistance.pk]),
        {
            "version": 1,
            "paid_on": today().isoformat(),
            "receipt": SimpleUploadedFile("r.pdf", EXE_BYTES),
        },
    )
    assert "cannot be kept" in response.content.decode()
    assistance.refresh_from_db()
    assert assistance.status == AssistanceStatus.APPROVED
    assert not Document.objects.exists()


def test_a_stale_payment_discards_its_receipt(client, world, private_root):
    assistance = _approved(world)
    client.force_login(world.alice)
    response = client.post(
        reverse("money:assistance_pay", args=[world.p_icm.pk, assistance.pk]),
        {
            "version": 0,
            "paid_on": today().isoformat(),
            "receipt": SimpleUploadedFile("r.pdf", PDF_BYTES),
        },
    )
    assert str(STALE_MESSAGE) in response.content.decode()
    assert not Document.objects.exists()
    assert not [p for p in private_root.rglob("*") if p.is_file()]


def test_only_an_approved_request_can_be_paid(world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    with pytest.raises(ValidationError):
        mark_paid(assistance, by=world.alice, on=today(), expected_version=0)


# Money in each language


@pytest.mark.parametrize(
    "language,currency,expected",
    [
        ("en", "CAD", "$1,234.50"),
        ("fr", "CAD", "1\xa0234,50\xa0$"),
        ("da", "DKK", "1.234,50\xa0kr."),
        ("pt-br", "BRL", "R$\xa01.234,50"),
        ("en", "USD", "$1,234.50"),
    ],
)
def test_money_is_written_the_way_the_language_writes_it(language, currency, expected):
    """R38: amounts in the organisation's currency, formatted for the active language."""
    with translation.override(language):
        assert format_money(Decimal("1234.50"), currency) == expected


def test_the_template_filter_uses_the_active_language(world):
    from django.template import Context, Template

    template = Template("{% load money_format %}{{ amount|money:'DKK' }}")
    with translation.override("da"):
        assert template.render(Context({"amount": Decimal("99.5")})) == "99,50\xa0kr."


# Pages, reach and queries


def test_an_outsider_gets_404_on_the_money_page(client, world):
    client.force_login(world.oscar)
    assert client.get(reverse("money:money", args=[world.p_icm.pk])).status_code == 404


def test_assistance_cannot_be_reached_through_another_persons_url(client, world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    client.force_login(world.pam)
    url = reverse("money:assistance_decide", args=[world.p_icm_b.pk, assistance.pk])
    assert client.get(url).status_code == 404


def _fill(world, n: int):
    case = case_of(world.p_icm)
    for i in range(n):
        make_income(world.p_icm, by=world.alice, amount=str(100 + i))
        make_budget(world.p_icm, by=world.alice, month=today() - timedelta(days=31 * i))
        make_assistance(case, by=world.alice, note=f"Request {i}")


@pytest.mark.parametrize("n", [1, 6])
def test_the_money_page_has_a_fixed_number_of_queries(client, world, n, django_assert_num_queries):
    _fill(world, n)
    client.force_login(world.tina)
    with django_assert_num_queries(MONEY_PAGE_QUERIES):
        response = client.get(reverse("money:money", args=[world.p_icm.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_the_waiting_list_has_a_fixed_number_of_queries(
    client, world, n, django_assert_num_queries
):
    _fill(world, n)
    make_assistance(case_of(world.p_icm_b), by=world.pam)  # another team: not tina's
    client.force_login(world.tina)
    with django_assert_num_queries(WAITING_PAGE_QUERIES):
        response = client.get(reverse("money:waiting"))
    assert response.content.decode().count("Request ") == n
    assert AuditEvent.objects.filter(
        action="list", object_type="money.FinancialAssistance"
    ).exists()


def test_a_worker_has_nothing_waiting_for_approval(client, world):
    _fill(world, 2)
    client.force_login(world.alice)
    assert "Request 0" not in client.get(reverse("money:waiting")).content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_the_person_section_has_a_fixed_number_of_queries(world, n, django_assert_num_queries):
    _fill(world, n)
    _approved(world)
    request = RequestFactory().get("/")
    request.user = world.alice
    cases = [case_of(world.p_icm)]
    with django_assert_num_queries(SECTION_QUERIES):
        context = person_section(request, world.p_icm, cases)
    assert context["assistance_count"] == 1 and context["waiting"] == n
    assert context["income_now"] == sum(Decimal(100 + i) for i in range(n))


def test_the_person_page_shows_the_money_section(client, world):
    make_income(world.p_icm, by=world.alice, amount="733")
    client.force_login(world.alice)
    body = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "$733.00" in body


# API


def test_the_api_lists_income_within_reach_only(client, world):
    make_income(world.p_icm, by=world.alice)
    make_income(world.p_south, by=world.oscar)
    client.force_login(world.alice)
    results = client.get(reverse("income_source-list")).json()["results"]
    assert [r["person"] for r in results] == [world.p_icm.pk]
    assert AuditEvent.objects.filter(action="list", channel="api").exists()


def test_the_api_approve_refuses_a_worker_and_a_stale_version(client, world):
    assistance = make_assistance(case_of(world.p_icm), by=world.alice)
    url = reverse("assistance-approve", args=[assistance.pk])
    client.force_login(world.alice)
    assert client.post(url, {"version": 0}).status_code == 403
    client.force_login(world.tina)
    assert client.post(url, {"version": 5}).status_code == 409
    response = client.post(url, {"version": 0})
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_the_api_stale_income_update_answers_409(client, world):
    source = make_income(world.p_icm, by=world.alice)
    client.force_login(world.alice)
    url = reverse("income_source-detail", args=[source.pk])
    response = client.patch(url, {"amount": "800", "version": 3}, content_type="application/json")
    assert response.status_code == 409


def test_the_api_creates_a_budget_with_its_lines(client, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("budget-list"),
        {
            "person": world.p_icm.pk,
            "month": today().isoformat(),
            "lines": [
                {"category": "income", "amount": "900"},
                {"category": "food", "amount": "250"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["left"] == "650.00"


# Demo


@pytest.mark.parametrize("language", ["en", "fr", "da", "pt-br"])
def test_the_demo_gives_income_a_refusal_a_waiting_request_and_receipts(world, language):
    import random

    from money import demo

    rnd = random.Random(3)
    cases = [case_of(world.p_icm)]
    for _ in range(5):
        cases.append(t.make_case(team=world.icm_team, by=world.alice, primary=world.alice))
    for case in cases:
        demo.load(case, language=language, today=today(), rnd=rnd, by=world.alice)
    persons = [c.person for c in cases]
    for person in persons:
        assert 1 <= IncomeSource.objects.filter(person=person).count() <= 3
    refused = IncomeSource.objects.filter(status=ApplicationStatus.REFUSED)
    assert refused.exists() and all(s.refusal_reason for s in refused)
    assert waiting_in(world.icm_team) == 1
    paid = [a for a in _all_assistance() if a.status == AssistanceStatus.PAID]
    assert all(a.receipt and a.receipt.content_type == "application/pdf" for a in paid)
    assert Budget.objects.exists()


def waiting_in(team) -> int:
    from money.models import FinancialAssistance

    return FinancialAssistance.objects.filter(case__team=team, status="requested").count()


def _all_assistance():
    from money.models import FinancialAssistance

    return list(FinancialAssistance.objects.select_related("receipt"))
