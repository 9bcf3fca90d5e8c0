"""State transitions and the sharded count: exact, idempotent, no hot row."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from campaign.lib.digests import email_digest
from campaign.petitions import signing
from campaign.petitions.models import Petition, Signature, SignatureCountShard
from campaign.petitions.normalise import normalise_email
from campaign.petitions.reconcile import reconcile
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def test_sign_stores_a_digest_and_the_address_only_until_confirmation():
    petition = make_petition()
    signature, created = signing.sign(
        petition, name="Asel", email="Asel+x@GMail.com", country="KZ", ip_digest="d" * 64
    )
    assert created
    assert signature.state == Signature.State.PENDING
    assert signature.email == "Asel+x@GMail.com"
    assert signature.email_digest == email_digest("asel@gmail.com")
    assert signature.email_domain == "gmail.com"
    assert "asel" not in signature.email_digest
    assert signing.confirm(signature)
    signature.refresh_from_db()
    assert signature.email is None
    assert signature.email_digest == email_digest(normalise_email("asel@gmail.com"))


def test_address_is_kept_after_confirmation_only_for_updates():
    signature = make_signature(make_petition(), wants_updates=True)
    signing.confirm(signature)
    signature.refresh_from_db()
    assert signature.email


def test_one_signature_per_address_is_a_database_constraint():
    petition = make_petition()
    first = make_signature(petition, email="one@example.org")
    with pytest.raises(IntegrityError):
        Signature.objects.create(
            petition=petition, name="Copy", email_digest=first.email_digest, country="KZ"
        )


def test_the_same_address_may_sign_another_petition():
    make_signature(make_petition(), email="one@example.org")
    _signature, created = signing.sign(
        make_petition(), name="A", email="one@example.org", country="KZ"
    )
    assert created


def test_signing_again_while_pending_changes_nothing_on_the_row():
    petition = make_petition()
    first, _ = signing.sign(petition, name="Original", email="a@example.org", country="KZ")
    again, created = signing.sign(
        petition, name="Other", email="A+x@example.org", country="RU", show_name=True
    )
    assert not created
    assert again.pk == first.pk
    first.refresh_from_db()
    assert (first.name, first.country, first.show_name, first.email) == (
        "Original",
        "KZ",
        False,
        "a@example.org",
    )


def test_signing_runs_the_same_queries_for_a_new_and_a_known_address():
    petition = make_petition()
    make_signature(petition, email="known@example.org", state="confirmed")

    def statements(email):
        with CaptureQueriesContext(connection) as queries:
            signing.sign(petition, name="A", email=email, country="KZ")
        return [q["sql"].split()[0] for q in queries]

    assert statements("new@example.org") == statements("known@example.org")


def test_signing_again_after_confirmation_changes_nothing():
    petition = make_petition()
    first = make_signature(petition, email="a@example.org", state="confirmed", name="Original")
    _again, created = signing.sign(petition, name="Impostor", email="a@example.org", country="RU")
    assert not created
    first.refresh_from_db()
    assert (first.name, first.state) == ("Original", Signature.State.CONFIRMED)
    assert petition.exact_count() == 1


def test_closed_petition_refuses_signatures():
    petition = make_petition(state=Petition.State.CLOSED)
    with pytest.raises(signing.PetitionNotOpen):
        signing.sign(petition, name="A", email="a@example.org", country="KZ")


def test_confirm_counts_once_however_often_it_is_called():
    petition = make_petition()
    signature = make_signature(petition)
    assert signing.confirm(signature) is True
    assert signing.confirm(signature) is False
    assert signing.confirm(Signature.objects.get(pk=signature.pk)) is False
    assert petition.exact_count() == 1


def test_reject_and_restore_keep_the_count_exact_and_are_idempotent():
    petition = make_petition()
    confirmed = make_signature(petition, state="confirmed")
    pending = make_signature(petition)
    assert petition.exact_count() == 1
    assert signing.reject(confirmed) and not signing.reject(confirmed)
    assert signing.reject(pending)
    assert petition.exact_count() == 0
    assert signing.restore(confirmed) and not signing.restore(confirmed)
    assert signing.restore(pending)
    assert petition.exact_count() == 1
    pending.refresh_from_db()
    assert pending.state == Signature.State.PENDING
    assert signing.reject_many(Signature.objects.all()) == 2
    assert petition.exact_count() == 0
    assert signing.restore_many(Signature.objects.all()) == 2
    assert petition.exact_count() == 1


def test_a_rejected_signature_cannot_be_confirmed():
    petition = make_petition()
    signature = make_signature(petition, state="rejected")
    assert not signing.confirm(signature)
    assert petition.exact_count() == 0


def test_withdraw_deletes_the_row_and_its_count():
    petition = make_petition()
    confirmed = make_signature(petition, state="confirmed")
    pending = make_signature(petition)
    assert signing.withdraw(confirmed) and not signing.withdraw(confirmed)
    assert signing.withdraw(pending)
    assert not Signature.objects.exists()
    assert petition.exact_count() == 0


def test_count_is_spread_over_shards_by_country(settings):
    settings.CAMPAIGN_COUNT_SHARDS = 4
    petition = make_petition()
    for index in range(12):
        make_signature(petition, state="confirmed", country="KZ" if index % 3 else "RU")
    rows = SignatureCountShard.objects.filter(petition=petition)
    assert petition.exact_count() == 12
    assert {row.country for row in rows} == {"KZ", "RU"}
    assert rows.filter(country="KZ").count() == 4
    assert max(row.count for row in rows) <= 3


def test_confirming_writes_one_shard_row_and_never_the_petition_row():
    petition = make_petition()
    make_signature(petition, state="confirmed")
    signature = make_signature(petition)
    with CaptureQueriesContext(connection) as queries:
        signing.confirm(signature)
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not any('"campaign_petition"' in sql for sql in writes)
    assert not any("COUNT(" in q["sql"].upper() for q in queries)


def test_reading_the_count_is_a_sum_over_shards_not_a_count_of_signatures():
    petition = make_petition()
    make_signature(petition, state="confirmed")
    with CaptureQueriesContext(connection) as queries:
        assert petition.exact_count() == 1
    assert len(queries) == 1
    assert "campaign_signaturecountshard" in queries[0]["sql"]
    assert 'campaign_signature"' not in queries[0]["sql"]


def test_cached_count_is_shared_and_briefly_stale(settings, django_assert_num_queries):
    settings.CAMPAIGN_COUNT_CACHE_SECONDS = 60
    petition = make_petition()
    make_signature(petition, state="confirmed")
    assert petition.confirmed_count == 1
    make_signature(petition, state="confirmed")
    with django_assert_num_queries(0):
        assert petition.confirmed_count == 1
    assert petition.exact_count() == 2


def test_reconcile_repairs_drift_and_reports_it(capsys):
    petition = make_petition(slug="drifting")
    for _ in range(3):
        make_signature(petition, state="confirmed", country="KZ")
    make_signature(petition, state="confirmed", country="GB")
    SignatureCountShard.objects.filter(petition=petition, country="KZ").update(count=50)
    SignatureCountShard.objects.create(petition=petition, country="FR", shard=0, count=2)

    assert reconcile(petition, dry_run=True) != {}
    assert petition.exact_count() != 4
    drift = reconcile(petition)
    assert drift["FR"] == 2
    assert drift["KZ"] > 0
    assert "GB" not in drift
    assert petition.exact_count() == 4
    assert reconcile(petition) == {}
    call_command("reconcile_counts")
    assert "drifting: count exact (4)" in capsys.readouterr().out
