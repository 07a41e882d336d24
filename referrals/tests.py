"""Referrals, consent and barriers (issue 5 §6–§8; R14, R18, R30, R35, R37)."""

import csv
import io
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from cases.models import Case
from hearth.concurrency import StaleEdit
from hearth.signatures import AgreementWay
from hearth.testing import TINY_PNG, make_case
from referrals.consent import (
    ConsentRequired,
    may_share,
    receiver_of,
    valid_consent,
    withdraw_consent,
)
from referrals.models import (
    Barrier,
    BarrierCategory,
    Consent,
    ConsentPurpose,
    ConsentState,
    Referral,
    ReferralStatus,
)
from referrals.report import Filters, barrier_counts
from referrals.sections import person_section
from referrals.testing import (
    make_barrier,
    make_consent,
    make_partner,
    make_referral,
    make_resource,
)
from referrals.workflow import Accompaniment, send_referral, update_referral
from visits.models import Appointment

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _case(person) -> Case:
    return Case.objects.select_related("program__organisation", "person").get(person=person)


@pytest.fixture
def north(world):
    """The north organisation's directory: a partner (CRAS) and a service (CAPS AD)."""
    organisation = world.icm_team.program.organisation
    return {
        "partner": make_partner(organisation, name="CRAS Sé"),
        "other_partner": make_partner(organisation, name="Employment Office"),
        "resource": make_resource(organisation, name="CAPS AD Centro", area="Centro"),
    }


def _send(world, north, **overrides):
    kwargs = {
        "case": _case(world.p_icm),
        "by": world.alice,
        "partner": north["partner"],
        "purpose": "Social assistance enrolment",
        "shares": ["identity", "contact"],
        "sent_on": _today(),
    } | overrides
    return send_referral(**kwargs)


# Consent blocks sharing (R35) ---------------------------------------------------------------


def test_a_referral_sharing_personal_data_without_consent_is_refused_and_nothing_saved(
    world, north
):
    with pytest.raises(ConsentRequired) as refused:
        _send(world, north)
    assert "CRAS Sé" in refused.value.message
    assert not Referral.objects.exists()


def test_a_referral_with_a_valid_consent_for_that_partner_is_saved_relying_on_it(world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    referral = _send(world, north)
    assert referral.consent == consent
    assert referral.status == ReferralStatus.SENT


def test_a_referral_sharing_nothing_personal_needs_no_consent(world, north):
    referral = _send(world, north, shares=[])
    assert referral.consent is None and not referral.shares_personal_data


def test_an_expired_consent_does_not_cover_a_referral(world, north):
    make_consent(
        world.p_icm,
        by=world.alice,
        partner=north["partner"],
        given_on=_today() - timedelta(days=400),
        expires_on=_today() - timedelta(days=1),
    )
    with pytest.raises(ConsentRequired):
        _send(world, north)


def test_a_withdrawn_consent_does_not_cover_a_referral(world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    withdraw_consent(consent, by=world.alice, on=_today(), expected_version=0)
    with pytest.raises(ConsentRequired):
        _send(world, north)


def test_a_consent_for_another_partner_does_not_cover_a_referral(world, north):
    make_consent(world.p_icm, by=world.alice, partner=north["other_partner"])
    with pytest.raises(ConsentRequired):
        _send(world, north)


def test_a_consent_for_statistics_does_not_cover_a_referral(world, north):
    make_consent(world.p_icm, by=world.alice, purpose=ConsentPurpose.STATISTICS)
    assert may_share(world.p_icm, purpose=ConsentPurpose.STATISTICS, on=_today())
    with pytest.raises(ConsentRequired):
        _send(world, north)


def test_a_consent_for_general_sharing_does_not_cover_a_referral(world, north):
    make_consent(
        world.p_icm, by=world.alice, purpose=ConsentPurpose.SHARING, partner=north["partner"]
    )
    with pytest.raises(ConsentRequired):
        _send(world, north)


def test_a_consent_given_in_the_future_is_not_yet_valid(world, north):
    consent = make_consent(
        world.p_icm,
        by=world.alice,
        partner=north["partner"],
        given_on=_today() + timedelta(days=3),
    )
    assert consent.state(on=_today()) == ConsentState.NOT_YET
    assert (
        valid_consent(
            world.p_icm, purpose=ConsentPurpose.REFERRAL, partner=north["partner"], on=_today()
        )
        is None
    )


def test_a_referral_to_a_resource_needs_consent_for_its_linked_partner(world, north):
    resource = north["resource"]
    linked = make_partner(resource.organisation, name="CAPS AD team", resource=resource)
    assert receiver_of(resource=resource) == (linked, None)
    make_consent(world.p_icm, by=world.alice, resource=resource)  # names the wrong receiver
    with pytest.raises(ConsentRequired):
        _send(world, north, partner=None, resource=resource)
    make_consent(world.p_icm, by=world.alice, partner=linked)
    assert _send(world, north, partner=None, resource=resource).pk


def test_a_referral_to_a_resource_without_partner_needs_consent_naming_the_resource(world, north):
    resource = north["resource"]
    assert receiver_of(resource=resource) == (None, resource)
    with pytest.raises(ConsentRequired):
        _send(world, north, partner=None, resource=resource)
    make_consent(world.p_icm, by=world.alice, resource=resource)
    assert _send(world, north, partner=None, resource=resource).consent.resource == resource


def test_the_new_referral_page_shows_the_consent_refusal_and_saves_nothing(client, world, north):
    client.force_login(world.alice)
    case = _case(world.p_icm)
    response = client.post(
        reverse("referrals:new", args=[case.pk]),
        {
            "partner": north["partner"].pk,
            "purpose": "Enrolment",
            "shares": ["health"],
            "sent_on": _today().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "has not given a valid consent" in response.content.decode()
    assert not Referral.objects.exists()


def test_withdrawing_a_consent_stops_the_sharing_of_its_referrals_at_once(client, world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    referral = _send(world, north)
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": _today().isoformat(), "note": "Asked to stop", "version": 0},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == _today() and consent.withdrawn_by == world.alice
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Sharing stopped on" in page
    fresh = Referral.objects.select_related("consent").get(pk=referral.pk)
    assert fresh.sharing_stopped_on(on=_today()) == _today()


def test_after_a_withdrawal_an_update_that_shares_data_is_refused_until_a_new_consent(world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    referral = _send(world, north)
    withdraw_consent(consent, by=world.alice, on=_today(), expected_version=0)
    with pytest.raises(ConsentRequired) as refused:
        update_referral(
            referral,
            by=world.alice,
            on=_today(),
            expected_version=0,
            status=ReferralStatus.ACCEPTED,
        )
    assert "stopped on" in refused.value.message
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.version == 0

    from referrals.consent import record_consent

    new = record_consent(
        person=world.p_icm,
        by=world.alice,
        purpose=ConsentPurpose.REFERRAL,
        partner=north["partner"],
        given_on=_today(),
        signature=TINY_PNG,
    )
    referral.refresh_from_db()
    assert referral.consent == new and referral.sharing_stopped_on(on=_today()) is None
    update_referral(
        referral, by=world.alice, on=_today(), expected_version=0, status=ReferralStatus.ACCEPTED
    )
    assert referral.status == ReferralStatus.ACCEPTED


def test_an_expired_consent_stops_the_sharing_from_the_day_after_it_ends(world, north):
    last_day = _today() - timedelta(days=2)
    consent = make_consent(
        world.p_icm,
        by=world.alice,
        partner=north["partner"],
        given_on=_today() - timedelta(days=30),
        expires_on=last_day,
    )
    referral = make_referral(
        _case(world.p_icm),
        by=world.alice,
        partner=north["partner"],
        consent=consent,
        shares=["health"],
    )
    assert referral.sharing_stopped_on(on=_today()) == last_day + timedelta(days=1)
    with pytest.raises(ConsentRequired):
        update_referral(
            referral,
            by=world.alice,
            on=_today(),
            expected_version=0,
            status=ReferralStatus.COMPLETED,
        )


def test_the_partners_refusal_can_be_recorded_after_the_sharing_stopped(world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    referral = _send(world, north)
    withdraw_consent(consent, by=world.alice, on=_today(), expected_version=0)
    update_referral(
        referral,
        by=world.alice,
        on=_today(),
        expected_version=0,
        status=ReferralStatus.NO_ANSWER,
    )
    assert referral.status == ReferralStatus.NO_ANSWER


def test_a_consent_agreed_aloud_needs_a_witness(client, world, north):
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:consent_new", args=[world.p_icm.pk]),
        {
            "purpose": ConsentPurpose.REFERRAL,
            "partner": north["partner"].pk,
            "given_on": _today().isoformat(),
            "given_how": AgreementWay.AGREED_ALOUD,
        },
    )
    assert response.status_code == 200
    assert "Name the witness" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_consent_for_statistics_names_no_organisation(client, world, north):
    client.force_login(world.alice)
    url = reverse("referrals:consent_new", args=[world.p_icm.pk])
    data = {
        "purpose": ConsentPurpose.STATISTICS,
        "partner": north["partner"].pk,
        "given_on": _today().isoformat(),
        "given_how": AgreementWay.SIGNED_PAPER,
    }
    assert "names no organisation" in client.post(url, data).content.decode()
    data.pop("partner")
    assert client.post(url, data).status_code == 302
    assert Consent.objects.get().partner is None


def test_the_consent_list_keeps_the_history_with_each_state(client, world, north):
    today = _today()
    make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    make_consent(
        world.p_icm,
        by=world.alice,
        partner=north["other_partner"],
        expires_on=today + timedelta(days=10),
    )
    make_consent(
        world.p_icm,
        by=world.alice,
        purpose=ConsentPurpose.STATISTICS,
        given_on=today - timedelta(days=100),
        expires_on=today - timedelta(days=1),
    )
    withdrawn = make_consent(world.p_icm, by=world.alice, resource=north["resource"])
    withdraw_consent(withdrawn, by=world.alice, on=today, expected_version=0)
    client.force_login(world.alice)
    page = client.get(reverse("referrals:consents", args=[world.p_icm.pk])).content.decode()
    for state in ("Valid", "Expires soon", "Expired", "Withdrawn"):
        assert state in page
    assert withdrawn.history.count() == 2


def test_a_stale_withdrawal_is_refused(world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    withdraw_consent(consent, by=world.alice, on=_today(), expected_version=0)
    with pytest.raises(StaleEdit):
        withdraw_consent(consent, by=world.alice, on=_today(), expected_version=0)


# Referrals and follow-up (R14, R18, R30) -----------------------------------------------------


def test_a_refused_referral_records_a_barrier_in_the_same_change(world, north):
    referral = _send(world, north, partner=None, resource=north["resource"], shares=[])
    update_referral(
        referral,
        by=world.alice,
        on=_today(),
        expected_version=0,
        status=ReferralStatus.REFUSED,
        refusal_reason="No places for people without an address",
    )
    barrier = Barrier.objects.get()
    assert barrier.category == BarrierCategory.REFERRAL_REFUSED
    assert barrier.source_referral == referral and barrier.area == "Centro"
    assert barrier.case_id == referral.case_id


def test_a_refusal_needs_its_reason_and_saves_nothing_without_it(client, world, north):
    referral = _send(world, north, shares=[])
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:detail", args=[referral.pk]),
        {"status": ReferralStatus.REFUSED, "refusal_reason": " ", "version": 0},
    )
    assert response.status_code == 200
    assert "Say why the referral was refused." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and not Barrier.objects.exists()


def test_a_stale_status_change_is_refused_on_the_page(client, world, north):
    referral = _send(world, north, shares=[])
    update_referral(
        referral, by=world.alice, on=_today(), expected_version=0, status=ReferralStatus.ACCEPTED
    )
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:detail", args=[referral.pk]),
        {"status": ReferralStatus.COMPLETED, "version": 0},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED


def test_a_passed_follow_up_date_changes_nothing_and_is_shown_as_due(client, world, north):
    """R18: a follow-up is a reminder, never a deadline."""
    referral = _send(world, north, shares=[], follow_up_on=_today() - timedelta(days=5))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.follow_up_is_due(on=_today())
    client.force_login(world.alice)
    page = client.get(reverse("referrals:case_referrals", args=[referral.case_id])).content.decode()
    assert "Follow-ups due" in page


def test_accompanying_plans_an_accompaniment_on_the_workers_agenda(world, north):
    from visits.models import ContactKind

    starts = timezone.now() + timedelta(days=2)
    referral = _send(
        world, north, shares=[], accompaniment=Accompaniment(starts_at=starts, minutes=90)
    )
    appointment = referral.appointment
    assert appointment.kind == ContactKind.ACCOMPANIMENT
    assert appointment.accompany_to == "CRAS Sé" and appointment.minutes == 90
    assert list(appointment.staff.all()) == [world.alice]


def _accompany_page(client, referral, starts, *, version=None):
    return client.post(
        reverse("referrals:detail", args=[referral.pk]),
        {
            "form": "accompany",
            "accompany_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "accompany_minutes": 45,
            "version": referral.version if version is None else version,
        },
    )


def test_an_accompaniment_is_added_to_a_referral_already_sent(client, world, north):
    """Known gap of issue 5, closed: the worker decides later to go with the person."""
    referral = _send(world, north, shares=[])
    assert referral.appointment is None
    client.force_login(world.alice)
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Plan the accompaniment" in page
    starts = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    assert _accompany_page(client, referral, starts).status_code == 302
    referral.refresh_from_db()
    appointment = referral.appointment
    # the worker typed their own wall-clock time (the organisation's time zone)
    zone = ZoneInfo(referral.case.program.organisation.time_zone)
    local = appointment.starts_at.astimezone(zone)
    assert (local.strftime("%Y-%m-%d %H:%M"), appointment.minutes) == (
        starts.strftime("%Y-%m-%d %H:%M"),
        45,
    )
    assert appointment.accompany_to == north["partner"].name
    assert list(appointment.staff.all()) == [world.alice]
    assert AuditEvent.objects.filter(
        action="create", object_type="visits.Appointment", person_id=world.p_icm.pk
    ).exists()
    # one at a time: a second is refused beside the field, nothing more is planned
    response = _accompany_page(client, referral, starts + timedelta(days=1))
    assert response.status_code == 200
    assert "already planned" in str(response.context["accompany_form"].errors["accompany_at"])
    assert Appointment.objects.filter(case=referral.case).count() == 1


def test_a_cancelled_accompaniment_may_be_planned_again(world, north):
    from referrals.workflow import accompany

    starts = timezone.now() + timedelta(days=2)
    referral = _send(world, north, shares=[], accompaniment=Accompaniment(starts_at=starts))
    referral.appointment.status = "cancelled"
    referral.appointment.save()
    again = accompany(
        referral,
        Accompaniment(starts_at=starts + timedelta(days=7)),
        by=world.alice,
        expected_version=referral.version,
    )
    assert referral.appointment == again and again.status == "planned"


def test_a_stale_or_finished_referral_is_not_accompanied(client, world, north):
    from referrals.workflow import ReferralRefused, accompany

    referral = _send(world, north, shares=[])
    client.force_login(world.alice)
    starts = timezone.localtime() + timedelta(days=2)
    response = _accompany_page(client, referral, starts, version=referral.version + 1)
    assert response.status_code == 200 and referral.appointment is None
    assert "Someone else changed" in response.content.decode()
    update_referral(
        referral,
        by=world.alice,
        on=_today(),
        expected_version=referral.version,
        status=ReferralStatus.REFUSED,
        refusal_reason="Full",
    )
    referral.refresh_from_db()
    with pytest.raises(ReferralRefused):
        accompany(
            referral,
            Accompaniment(starts_at=starts),
            by=world.alice,
            expected_version=referral.version,
        )
    assert not Appointment.objects.filter(case=referral.case).exists()


def test_the_api_accompanies_a_referral_with_a_version_check(client, world, north):
    referral = _send(world, north, shares=[])
    client.force_login(world.alice)
    url = reverse("referral-accompany", args=[referral.pk])
    starts = (timezone.now() + timedelta(days=4)).isoformat()
    stale = client.post(
        url, {"starts_at": starts, "version": referral.version + 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    response = client.post(
        url,
        {"starts_at": starts, "minutes": 30, "version": referral.version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["appointment"] is not None
    client.force_login(world.oscar)
    assert client.post(url, {"starts_at": starts, "version": 0}).status_code == 404


def test_a_referral_can_link_a_visit_of_its_case_only(world, north):
    from referrals.workflow import ReferralRefused
    from visits.models import Contact

    other = Contact.objects.create(
        case=_case(world.p_icm_b),
        kind="home_visit",
        minutes=30,
        place="home",
        recorded_by=world.alice,
    )
    with pytest.raises(ReferralRefused):
        _send(world, north, shares=[], contact=other)


def test_a_referral_goes_to_the_directory_of_the_cases_organisation_only(world):
    south = world.south_team.program.organisation
    elsewhere = make_partner(south, name="Syd partner")
    from referrals.workflow import ReferralRefused

    with pytest.raises(ReferralRefused):
        _send(world, {"partner": elsewhere}, shares=[])


def test_the_new_referral_page_records_a_referral_and_its_accompaniment(client, world, north):
    make_consent(world.p_icm, by=world.alice, resource=north["resource"])
    client.force_login(world.alice)
    case = _case(world.p_icm)
    starts = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = client.post(
        reverse("referrals:new", args=[case.pk]),
        {
            "resource": north["resource"].pk,
            "purpose": "Treatment when she wants it",
            "shares": ["identity", "substance_use"],
            "sent_on": _today().isoformat(),
            "follow_up_on": (_today() + timedelta(days=14)).isoformat(),
            "accompany_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "accompany_minutes": 60,
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.shares == ["identity", "substance_use"]
    assert referral.appointment is not None
    assert AuditEvent.objects.filter(
        action="create", object_type="referrals.Referral", person_id=world.p_icm.pk
    ).exists()


# Barriers and the report (R37) ---------------------------------------------------------------


def test_an_unmet_need_is_recorded_from_a_case(client, world):
    client.force_login(world.alice)
    case = _case(world.p_icm)
    response = client.post(
        reverse("referrals:barrier_new", args=[case.pk]),
        {
            "category": BarrierCategory.UNMET_NEED,
            "area": "Sé",
            "on": _today().isoformat(),
            "description": "No dental care for people on social assistance",
        },
    )
    assert response.status_code == 302
    barrier = Barrier.objects.get()
    assert (barrier.category, barrier.area, barrier.recorded_by) == (
        BarrierCategory.UNMET_NEED,
        "Sé",
        world.alice,
    )


def _barriers(world):
    """Barriers in three teams over two months and two areas."""
    today = _today()
    last_month = today.replace(day=1) - timedelta(days=1)
    icm = _case(world.p_icm)
    make_barrier(icm, by=world.alice, area="Centro", on=today)
    make_barrier(icm, by=world.alice, area="Centro", on=today)
    make_barrier(icm, by=world.alice, area="Sé", on=last_month)
    make_barrier(
        icm, by=world.alice, area="Centro", on=today, category=BarrierCategory.HOUSING_DENIED
    )
    make_barrier(_case(world.p_icm_b), by=world.alice, area="Centro", on=today)
    make_barrier(_case(world.p_act), by=world.bob, area="Centro", on=today)
    make_barrier(_case(world.p_south), by=world.oscar, area="Syd", on=today)
    return today, last_month


def _as_dict(rows):
    return {(r["category"], r["area"], r["month"].strftime("%Y-%m")): r["count"] for r in rows}


def test_the_report_counts_by_category_area_and_month_in_one_query(world):
    today, last_month = _barriers(world)
    with CaptureQueriesContext(connection) as ctx:
        rows = barrier_counts(world.tina)
    assert len(ctx.captured_queries) == 1
    assert _as_dict(rows) == {
        ("unmet_need", "Centro", today.strftime("%Y-%m")): 2,
        ("unmet_need", "Sé", last_month.strftime("%Y-%m")): 1,
        ("housing_denied", "Centro", today.strftime("%Y-%m")): 1,
    }


def test_a_team_lead_sees_only_their_teams_barriers(world):
    _barriers(world)
    assert sum(r["count"] for r in barrier_counts(world.tina)) == 4  # ICM A only


def test_a_program_manager_sees_their_programs_and_a_data_administrator_their_organisation(
    world,
):
    _barriers(world)
    assert sum(r["count"] for r in barrier_counts(world.pam)) == 5  # ICM A and B
    assert sum(r["count"] for r in barrier_counts(world.dora)) == 6  # the north organisation


def test_the_report_filters_by_period_category_and_area(world):
    today, _last_month = _barriers(world)
    only_this_month = barrier_counts(world.dora, Filters(start=today.replace(day=1)))
    assert sum(r["count"] for r in only_this_month) == 5
    housing = barrier_counts(world.dora, Filters(category=BarrierCategory.HOUSING_DENIED))
    assert sum(r["count"] for r in housing) == 1
    assert sum(r["count"] for r in barrier_counts(world.dora, Filters(area="sé"))) == 1


def test_a_case_manager_cannot_open_the_report(client, world):
    client.force_login(world.alice)
    assert client.get(reverse("referrals:barrier_report")).status_code == 403


def test_the_report_page_names_no_person_and_is_pinned_in_queries(
    client, world, django_assert_num_queries
):
    _barriers(world)
    client.force_login(world.tina)
    url = reverse("referrals:barrier_report")
    client.get(url)  # warm the session
    with django_assert_num_queries(9):
        page = client.get(url).content.decode()
    assert "Centro" in page and "Housing denied" in page
    for person in world.everyone:
        assert person.family_name not in page and person.given_name not in page


def test_the_spreadsheet_export_opens_and_holds_the_counts(client, world):
    today, _last = _barriers(world)
    client.force_login(world.tina)
    response = client.get(reverse("referrals:barrier_report") + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Barriers", "By category", "By area", "By month"]
    table = list(book["Barriers"].iter_rows(values_only=True))
    assert table[0] == ("Month", "Category", "Area", "Barriers")
    assert (today.strftime("%Y-%m"), "Unmet need", "Centro", 2) in table[1:]
    by_category = dict(list(book["By category"].iter_rows(values_only=True))[1:])
    assert by_category == {"Unmet need": 3, "Housing denied": 1}
    assert AuditEvent.objects.filter(action="export", user=world.tina).exists()


def test_the_csv_export_holds_the_counts(client, world):
    today, _last = _barriers(world)
    client.force_login(world.dora)
    response = client.get(reverse("referrals:barrier_report") + "?export=csv&area=Syd")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["Month", "Category", "Area", "Barriers"]]  # Syd is another organisation
    response = client.get(reverse("referrals:barrier_report") + "?export=csv&area=Centro")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [today.strftime("%Y-%m"), "Unmet need", "Centro", "4"] in rows


# Access -------------------------------------------------------------------------------------


def test_an_outsider_gets_404_on_every_referral_page(client, world, north):
    make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    referral = _send(world, north)
    consent = Consent.objects.get()
    case = referral.case
    client.force_login(world.oscar)
    for url in (
        reverse("referrals:case_referrals", args=[case.pk]),
        reverse("referrals:new", args=[case.pk]),
        reverse("referrals:barrier_new", args=[case.pk]),
        reverse("referrals:detail", args=[referral.pk]),
        reverse("referrals:consents", args=[world.p_icm.pk]),
        reverse("referrals:consent_new", args=[world.p_icm.pk]),
        reverse("referrals:consent_withdraw", args=[consent.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url


def test_an_outsider_gets_empty_api_lists(client, world, north):
    make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    _send(world, north)
    make_barrier(_case(world.p_icm), by=world.alice)
    client.force_login(world.oscar)
    for name in ("referral-list", "consent-list", "barrier-list", "barrier_report-list"):
        assert client.get(reverse(name)).json()["results"] == [], name


# API ----------------------------------------------------------------------------------------


def test_the_api_refuses_a_referral_without_consent(client, world, north):
    client.force_login(world.alice)
    response = client.post(
        reverse("referral-list"),
        {
            "case": _case(world.p_icm).pk,
            "partner": north["partner"].pk,
            "purpose": "Enrolment",
            "shares": ["identity"],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "shares" in response.json()
    assert not Referral.objects.exists()


def test_the_api_answers_409_to_a_stale_status_change(client, world, north):
    referral = _send(world, north, shares=[])
    client.force_login(world.alice)
    url = reverse("referral-detail", args=[referral.pk])
    first = client.patch(url, {"status": "accepted", "version": 0}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.patch(
        url, {"status": "completed", "version": 0}, content_type="application/json"
    )
    assert stale.status_code == 409


def test_the_api_refusal_records_a_barrier_and_reads_are_audited(client, world, north):
    referral = _send(world, north, shares=[])
    client.force_login(world.alice)
    response = client.patch(
        reverse("referral-detail", args=[referral.pk]),
        {"status": "refused", "refusal_reason": "Full", "version": 0},
        content_type="application/json",
    )
    assert response.status_code == 200
    barriers = client.get(reverse("barrier-list")).json()["results"]
    assert [b["category"] for b in barriers] == ["referral_refused"]
    client.get(reverse("referral-detail", args=[referral.pk]))
    assert AuditEvent.objects.filter(
        action="view", object_type="referrals.Referral", person_id=world.p_icm.pk
    ).exists()


def test_the_api_withdraws_a_consent(client, world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    client.force_login(world.alice)
    url = reverse("consent-withdraw", args=[consent.pk])
    response = client.post(url, {"version": 0}, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"
    assert client.post(url, {"version": 0}, content_type="application/json").status_code == 409


def test_the_api_report_gives_the_aggregates_within_reach(client, world):
    _barriers(world)
    client.force_login(world.tina)
    rows = client.get(reverse("barrier_report-list")).json()["results"]
    assert sum(r["count"] for r in rows) == 4
    assert set(rows[0]) == {"month", "category", "area", "count"}
    client.force_login(world.alice)
    assert client.get(reverse("barrier_report-list")).json()["results"] == []


# The person page section and list pages (query counts pinned) -------------------------------


def test_the_person_section_shows_referrals_and_consents_in_two_queries(world, north):
    case = _case(world.p_icm)
    for n in range(3):
        make_referral(
            case, by=world.alice, partner=north["partner"], follow_up_on=_today() - timedelta(n)
        )
    make_referral(case, by=world.alice, resource=north["resource"], status="completed")
    make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    make_consent(world.p_icm, by=world.alice, resource=north["resource"])
    request = RequestFactory().get("/")
    request.user = world.alice
    with CaptureQueriesContext(connection) as ctx:
        section = person_section(request, world.p_icm, [case])
    assert len(ctx.captured_queries) == 2
    assert len(section["referrals"]) == 3 and section["due_count"] == 3
    assert len(section["consents"]) == 2
    html = render_to_string("referrals/_person_section.html", section)
    assert reverse("referrals:new", args=[case.pk]) in html
    assert reverse("referrals:consent_new", args=[world.p_icm.pk]) in html


def test_the_person_page_shows_the_referrals_section(client, world, north):
    make_referral(_case(world.p_icm), by=world.alice, partner=north["partner"])
    client.force_login(world.alice)
    page = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "Referrals and consent" in page and "CRAS Sé" in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_case_referral_list_takes_the_same_queries_for_one_or_many(
    client, world, north, count, django_assert_num_queries
):
    case = _case(world.p_icm)
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    for _ in range(count):
        make_referral(
            case, by=world.alice, partner=north["partner"], consent=consent, shares=["identity"]
        )
        make_barrier(case, by=world.alice)
    client.force_login(world.alice)
    url = reverse("referrals:case_referrals", args=[case.pk])
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)


@pytest.mark.parametrize("count", [1, 6])
def test_the_consent_list_takes_the_same_queries_for_one_or_many(
    client, world, north, count, django_assert_num_queries
):
    for _ in range(count):
        make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    client.force_login(world.alice)
    url = reverse("referrals:consents", args=[world.p_icm.pk])
    client.get(url)
    with django_assert_num_queries(8):
        client.get(url)


# Demo ---------------------------------------------------------------------------------------


def test_the_demo_gives_referrals_consents_and_barriers_in_every_state(world):
    import random

    from referrals import demo

    organisation = world.icm_team.program.organisation
    caps = make_resource(organisation, name="CAPS AD Sé", area="Sé")
    make_partner(organisation, name="CRAS Sé", resource=make_resource(organisation, area="Mooca"))
    make_partner(organisation, name="CAPS AD team", resource=caps)
    rnd = random.Random(5)
    cases = [_case(world.p_icm), _case(world.p_icm_b)] + [
        make_case(team=world.icm_team, by=world.alice, primary=world.alice) for _ in range(6)
    ]
    for case in cases:
        demo.load(case, language="pt-br", today=_today(), rnd=rnd, by=world.alice)
    today = _today()
    assert Consent.objects.filter(expires_on__lt=today).exists()
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert Referral.objects.filter(status=ReferralStatus.REFUSED).count() == 1
    assert Barrier.objects.filter(category=BarrierCategory.REFERRAL_REFUSED).count() == 1
    assert Referral.objects.filter(case__in=cases).count() >= len(cases)
    stopped = [
        r for r in Referral.objects.select_related("consent") if r.sharing_stopped_on(on=today)
    ]
    assert len(stopped) >= 2


def test_the_demo_skips_referrals_when_the_directory_is_empty(world):
    import random

    from referrals import demo

    demo.load(
        _case(world.p_icm), language="en", today=_today(), rnd=random.Random(1), by=world.alice
    )
    assert not Referral.objects.exists()


def test_every_referrals_page_opens_for_the_case_manager(client, world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    referral = _send(world, north)
    case = referral.case
    client.force_login(world.alice)
    for url in (
        reverse("referrals:case_referrals", args=[case.pk]),
        reverse("referrals:new", args=[case.pk]),
        reverse("referrals:barrier_new", args=[case.pk]),
        reverse("referrals:detail", args=[referral.pk]),
        reverse("referrals:consents", args=[world.p_icm.pk]),
        reverse("referrals:consent_new", args=[world.p_icm.pk]),
        reverse("referrals:consent_withdraw", args=[consent.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "style=" not in response.content.decode(), url


def test_a_consent_cannot_be_withdrawn_before_it_was_given(world, north):
    consent = make_consent(world.p_icm, by=world.alice, partner=north["partner"])
    with pytest.raises(ConsentRequired):
        withdraw_consent(
            consent, by=world.alice, on=_today() - timedelta(days=1), expected_version=0
        )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


# Signed on the phone (issue 12 §8) ----------------------------------------------------------


def _sign(world, north, **overrides) -> Consent:
    from referrals.consent import record_consent

    fields = {
        "person": world.p_icm,
        "by": world.alice,
        "purpose": ConsentPurpose.REFERRAL,
        "partner": north["partner"],
        "given_on": _today(),
        "scope_note": "Name and phone number",
        "signature": TINY_PNG,
    } | overrides
    return record_consent(**fields)


def _kept_files() -> list:
    from documents.storing import private_storage

    root = Path(private_storage().location)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_consent_page_offers_the_pad_and_not_signed_on_the_screen(client, world):
    client.force_login(world.alice)
    page = client.get(reverse("referrals:consent_new", args=[world.p_icm.pk])).content.decode()
    assert "data-signature-pad" in page and 'data-signature-instead-of="given_how"' in page
    assert 'value="signed_screen"' not in page
    assert 'value="signed_paper"' in page and 'value="aloud_witnessed"' in page


def test_the_consent_page_refuses_signed_on_the_screen_without_a_signature(client, world, north):
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:consent_new", args=[world.p_icm.pk]),
        {
            "purpose": ConsentPurpose.REFERRAL,
            "partner": north["partner"].pk,
            "given_on": _today().isoformat(),
            "given_how": AgreementWay.SIGNED_SCREEN,
            "signature": "",
        },
    )
    assert response.status_code == 200
    assert "Ask the person to sign on the screen" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_consent_signed_on_the_phone_is_signed_on_the_screen_with_its_signed_copy(
    client, world, north
):
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:consent_new", args=[world.p_icm.pk]),
        {
            "purpose": ConsentPurpose.REFERRAL,
            "partner": north["partner"].pk,
            "given_on": _today().isoformat(),
            "scope_note": "Name and phone number",
            "signature": TINY_PNG,
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.select_related("signed_copy").get()
    assert consent.given_how == AgreementWay.SIGNED_SCREEN and consent.signature == TINY_PNG
    copy = consent.signed_copy
    assert copy.kind == "signed_copy" and copy.person == world.p_icm
    assert copy.content_type == "application/pdf" and copy.size > 0
    assert AuditEvent.objects.filter(
        action="create", object_type="referrals.Consent", object_id=str(consent.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action="create", object_type="documents.Document", object_id=str(copy.pk)
    ).exists()
    listing = client.get(reverse("referrals:consents", args=[world.p_icm.pk])).content.decode()
    assert reverse("documents:download", args=[world.p_icm.pk, copy.pk]) in listing


def test_a_signature_and_another_way_at_once_are_refused_on_the_page(client, world, north):
    client.force_login(world.alice)
    response = client.post(
        reverse("referrals:consent_new", args=[world.p_icm.pk]),
        {
            "purpose": ConsentPurpose.REFERRAL,
            "partner": north["partner"].pk,
            "given_on": _today().isoformat(),
            "given_how": AgreementWay.SIGNED_PAPER,
            "signature": TINY_PNG,
        },
    )
    assert response.status_code == 200 and not Consent.objects.exists()


def test_the_signed_copy_holds_what_the_person_agreed_to(world, north):
    from referrals.consent import consent_text

    consent = _sign(world, north, expires_on=_today() + timedelta(days=365))
    text = consent_text(consent)
    facts = dict(text.facts)
    assert facts["Person"] == world.p_icm.display_name
    assert facts["Purpose"] == "Referral"
    assert facts["Receiving organisation"] == "CRAS Sé"
    assert facts["What is shared"] == "Name and phone number"
    assert "Expires on" in facts and facts["Expires on"] != "—"
    from documents.storing import open_document

    with open_document(consent.signed_copy) as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf


def test_the_signed_copy_is_written_in_the_persons_language(world, north, monkeypatch):
    from django.utils import translation

    import referrals.consent

    world.p_icm.preferred_language = "fr"
    world.p_icm.save()
    seen = []
    real = referrals.consent.consent_text

    def spy(consent):
        seen.append((translation.get_language(), str(consent.get_purpose_display())))
        return real(consent)

    monkeypatch.setattr(referrals.consent, "consent_text", spy)
    _sign(world, north)
    with translation.override("fr"):
        in_french = str(ConsentPurpose.REFERRAL.label)
    assert in_french != "Referral"
    assert seen == [("fr", in_french)]


def test_a_signature_on_the_screen_is_given_today(world, north):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _sign(world, north, given_on=_today() - timedelta(days=2))
    assert "given_on" in refused.value.message_dict
    assert not Consent.objects.exists()


def test_the_database_keeps_signed_on_the_screen_a_fact(world, north):
    from django.db import IntegrityError, transaction

    for given_how, signature in (
        (AgreementWay.SIGNED_SCREEN, ""),  # a claim without a signature
        (AgreementWay.SIGNED_SCREEN, TINY_PNG),  # a signature without its signed copy
        (AgreementWay.SIGNED_PAPER, TINY_PNG),  # a signature, yet "on paper"
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_consent(
                world.p_icm,
                by=world.alice,
                partner=north["partner"],
                given_how=given_how,
                signature=signature,
            )


def test_nothing_is_kept_when_the_signed_copy_cannot_be_made(world, north, monkeypatch):
    from documents.models import Document

    def broken(*args, **kwargs):
        raise RuntimeError("no PDF today")

    before = _kept_files()
    monkeypatch.setattr("documents.signed.signed_copy_pdf", broken)
    with pytest.raises(RuntimeError):
        _sign(world, north)
    assert not Consent.objects.exists() and not Document.objects.exists()
    assert _kept_files() == before


def test_nothing_is_kept_when_the_consent_cannot_be_saved_with_its_copy(world, north, monkeypatch):
    from documents.models import Document

    def broken(consent):
        raise RuntimeError("database gone")

    before = _kept_files()
    monkeypatch.setattr("referrals.consent._rely_on", broken)
    with pytest.raises(RuntimeError):
        _sign(world, north)
    assert not Consent.objects.exists() and not Document.objects.exists()
    assert _kept_files() == before


def test_a_signed_consent_covers_a_referral_like_any_other(world, north):
    consent = _sign(world, north)
    assert _send(world, north).consent == consent


@pytest.mark.parametrize("actor", ["bob", "oscar"])
def test_the_signed_copy_downloads_only_within_reach(client, world, north, actor):
    copy = _sign(world, north).signed_copy
    url = reverse("documents:download", args=[world.p_icm.pk, copy.pk])
    client.force_login(getattr(world, actor))
    assert client.get(url).status_code == 404
    client.force_login(world.alice)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="download", object_id=str(copy.pk)).count() == 1


def _api_consent(client, world, north, **body):
    payload = {
        "person": world.p_icm.pk,
        "purpose": ConsentPurpose.REFERRAL,
        "partner": north["partner"].pk,
    } | body
    client.force_login(world.alice)
    return client.post(reverse("consent-list"), payload, content_type="application/json")


def test_the_api_refuses_signed_on_the_screen_without_a_signature(client, world, north):
    response = _api_consent(client, world, north, given_how=AgreementWay.SIGNED_SCREEN)
    assert response.status_code == 400 and "signature" in response.json()
    assert not Consent.objects.exists()


def test_the_api_refuses_a_damaged_signature(client, world, north):
    response = _api_consent(client, world, north, signature="data:image/png;base64,R0lGOD")
    assert response.status_code == 400 and "signature" in response.json()
    assert not Consent.objects.exists()


def test_the_api_refuses_a_signature_with_another_way(client, world, north):
    response = _api_consent(
        client, world, north, given_how=AgreementWay.AGREED_ALOUD, witness="Sam", signature=TINY_PNG
    )
    assert response.status_code == 400 and "given_how" in response.json()
    assert not Consent.objects.exists()


def test_the_api_records_a_consent_signed_on_the_screen_with_its_signed_copy(client, world, north):
    response = _api_consent(client, world, north, signature=TINY_PNG)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["given_how"] == AgreementWay.SIGNED_SCREEN and body["signed_copy"]
    assert "signature" not in body
    consent = Consent.objects.get()
    assert consent.signed_copy_id == body["signed_copy"]
    download = client.get(reverse("document-download", args=[body["signed_copy"]]))
    assert download.status_code == 200


def test_the_api_records_a_consent_on_paper_without_a_signature(client, world, north):
    response = _api_consent(client, world, north, given_how=AgreementWay.SIGNED_PAPER)
    assert response.status_code == 201 and response.json()["signed_copy"] is None
