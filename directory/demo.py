"""Demo directories (R14, R15, R24, R30): each demo organisation's local resource survey,
partners, contacts, agreements and a couple of suggestions waiting for review, written in the
program's language. Phone numbers, addresses and e-mail addresses are fictional (555 numbers,
example.org): they are not real contact data."""

import datetime
import random

from directory import survey
from directory.demo_data import DIRECTORIES
from directory.models import (
    CollaborationAgreement,
    Partner,
    PartnerContact,
    Resource,
)
from programs.models import Membership
from programs.roles import Role


def load_program(program, *, language: str, today: datetime.date, rnd: random.Random, by) -> None:
    """The organisation's directory, once per organisation (several programs may share it)."""
    organisation = program.organisation
    if Resource.objects.filter(organisation=organisation).exists():
        return
    data = DIRECTORIES.get(language) or DIRECTORIES["en"]
    resources = {}
    for entry in data["resources"]:
        fields = dict(entry)
        key = fields.pop("key")
        days = fields.pop("checked", 30)
        resources[key] = Resource.objects.create(
            organisation=organisation,
            last_checked_on=today - datetime.timedelta(days=days + rnd.randint(0, 6)),
            last_checked_by=by,
            **fields,
        )
    for entry in data["partners"]:
        fields = dict(entry)
        contacts = fields.pop("contacts")
        agreement = fields.pop("agreement")
        resource_key = fields.pop("resource", None)
        partner = Partner.objects.create(
            organisation=organisation, resource=resources.get(resource_key), **fields
        )
        for contact in contacts:
            PartnerContact.objects.create(partner=partner, **contact)
        agreement = dict(agreement)
        started = agreement.pop("started_days_ago")
        ended = agreement.pop("ended_days_ago", None)
        CollaborationAgreement.objects.create(
            partner=partner,
            starts_on=today - datetime.timedelta(days=started),
            ends_on=today - datetime.timedelta(days=ended) if ended is not None else None,
            **agreement,
        )
    worker = (
        Membership.objects.filter(organisation=organisation, role=Role.CASE_MANAGER)
        .select_related("user")
        .first()
    )
    author = worker.user if worker else by
    for suggestion in data["suggestions"]:
        resource = resources.get(suggestion.get("resource"))
        survey.suggest(
            organisation=organisation,
            resource=resource,
            changes=suggestion["changes"],
            note=suggestion["note"],
            by=author,
        )


def load(case, *, language: str, today: datetime.date, rnd: random.Random, by) -> None:
    """Nothing per case: the directory belongs to the organisation."""
