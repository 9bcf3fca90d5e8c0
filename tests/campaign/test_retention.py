"""Retention commands: purge unconfirmed, drop unneeded addresses, anonymise closed petitions."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.petitions import signing
from campaign.petitions.models import Petition, Signature
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def age(signature, days):
    Signature.objects.filter(pk=signature.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_purge_deletes_only_old_unconfirmed_signatures(settings, capsys):
    settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS = 7
    petition = make_petition()
    old_pending = make_signature(petition)
    fresh_pending = make_signature(petition)
    old_confirmed = make_signature(petition, state="confirmed")
    for signature in (old_pending, old_confirmed):
        age(signature, 8)
    age(fresh_pending, 6)

    call_command("purge_unconfirmed")
    assert "Deleted 1 unconfirmed" in capsys.readouterr().out
    remaining = set(Signature.objects.values_list("pk", flat=True))
    assert remaining == {fresh_pending.pk, old_confirmed.pk}
    assert petition.exact_count() == 1
    call_command("purge_unconfirmed")
    assert "Deleted 0" in capsys.readouterr().out


def test_drop_addresses_keeps_only_those_still_needed(capsys):
    petition = make_petition()
    pending = make_signature(petition)
    news = make_signature(petition, wants_updates=True, state="confirmed")
    rejected = make_signature(petition)
    signing.reject(rejected)
    plain = make_signature(petition)
    signing.confirm(plain)
    # An address left behind by an older version of the confirm step.
    Signature.objects.filter(pk=plain.pk).update(email="left@example.org")

    call_command("drop_addresses")
    assert "Deleted 2" in capsys.readouterr().out
    emails = dict(Signature.objects.values_list("pk", "email"))
    assert emails[pending.pk]
    assert emails[news.pk]
    assert emails[rejected.pk] is None
    assert emails[plain.pk] is None


def test_anonymise_closed_petitions_after_the_retention_period(settings, capsys):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 180
    now = timezone.now()
    closed_long_ago = make_petition(slug="old")
    closed_recently = make_petition(slug="recent")
    for petition in (closed_long_ago, closed_recently):
        make_signature(
            petition,
            state="confirmed",
            name="Named Person",
            city="Aktau",
            comment="Justice",
            show_name=True,
            wants_updates=True,
            ip_digest="c" * 64,
        )
        make_signature(petition, name="Never confirmed")
    Petition.objects.filter(pk=closed_long_ago.pk).update(
        opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=181)
    )
    Petition.objects.filter(pk=closed_recently.pk).update(
        opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=10)
    )

    call_command("anonymise_closed")
    assert "old: anonymised 1" in capsys.readouterr().out

    old = Signature.objects.get(petition=closed_long_ago)
    assert (old.name, old.city, old.comment, old.email, old.email_digest, old.ip_digest) == (
        "",
        "",
        "",
        None,
        None,
        "",
    )
    assert old.country == "KZ"
    assert not old.show_name
    assert closed_long_ago.exact_count() == 1
    closed_long_ago.refresh_from_db()
    assert closed_long_ago.anonymised_at
    recent = Signature.objects.filter(petition=closed_recently)
    assert recent.count() == 2
    assert recent.get(state="confirmed").name == "Named Person"

    call_command("anonymise_closed")
    assert "anonymised" not in capsys.readouterr().out


def test_a_petition_closed_by_hand_counts_from_its_last_change(settings):
    from campaign.petitions.retention import petitions_due_for_anonymising

    petition = make_petition(closes_at=None)
    Petition.objects.filter(pk=petition.pk).update(
        state=Petition.State.CLOSED, updated_at=timezone.now() - timedelta(days=200)
    )
    assert list(petitions_due_for_anonymising(days=180)) == [petition]
    assert list(petitions_due_for_anonymising(days=250)) == []
