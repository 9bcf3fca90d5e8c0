"""Builders for the moderation tests: signatures in bulk, admin URLs, logged-in clients."""

import importlib
import itertools
from collections import Counter
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from campaign.lib.digests import email_digest, keyed_digest
from campaign.petitions.models import Signature, SignatureCountShard
from campaign.petitions.normalise import normalise_email
from tests.campaign.factories import make_petition
from tests.staff.otp import verified_login

_numbers = itertools.count(1)
ROLES_MIGRATION = importlib.import_module("campaign.petitions.migrations.0003_roles")


@pytest.fixture(autouse=True)
def roles_as_migrated(db):
    """The role groups as the data migration makes them. A transactional test elsewhere in
    the suite flushes the database, migration data included: put them back if so."""
    if not Group.objects.filter(name__in=ROLES_MIGRATION.ROLES).exists():
        ROLES_MIGRATION.assign_roles(apps, "default")


def bulk_signatures(
    petition, n, *, state="confirmed", start=None, step=timedelta(seconds=37), **fields
):
    """n signatures written straight to the table (fast), with the count shards to match.

    Each has its own client and a domain of its own unless `fields` says otherwise."""
    start = start or timezone.now() - timedelta(days=2)
    rows = []
    for i in range(n):
        number = next(_numbers)
        created = start + i * step
        values = {
            "petition": petition,
            "name": f"Signer {number}",
            "email_digest": email_digest(f"signer{number}@example{number}.org"),
            "email_domain": f"example{number}.org",
            "country": "KZ",
            "city": "Aktau",
            "state": state,
            "created_at": created,
            "confirmed_at": created if state != "pending" else None,
            "ip_digest": keyed_digest("client", f"10.0.{number // 250}.{number % 250}"),
            "show_name": number % 2 == 0,
        }
        values.update(fields)
        rows.append(Signature(**values))
    created = Signature.objects.bulk_create(rows, batch_size=2000)
    tally = Counter((s.country, s.shard) for s in created if s.state == Signature.State.CONFIRMED)
    for (country, shard), count in tally.items():
        row, _created = SignatureCountShard.objects.get_or_create(
            petition=petition, country=country, shard=shard
        )
        SignatureCountShard.objects.filter(pk=row.pk).update(count=F("count") + count)
    return created


def digest_of(address):
    return email_digest(normalise_email(address))


def admin_url(name, *args, **kwargs):
    return reverse(f"admin:{name}", args=args, kwargs=kwargs)


@pytest.fixture
def petition(db):
    return make_petition()


@pytest.fixture
def as_user(client):
    """Log the client in as a user (or stay anonymous for None) and return it."""

    def login(user):
        client.logout()
        if user is not None:
            verified_login(client, user)
        return client

    return login


@pytest.fixture
def roles(moderator, campaign_lead, editor):
    return {"moderator": moderator, "lead": campaign_lead, "editor": editor}
