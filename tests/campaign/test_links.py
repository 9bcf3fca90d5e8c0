"""Confirm and withdraw links: signed, expiring, tamper-proof, and harmless on GET."""

from datetime import timedelta

import pytest
from django.core import signing as django_signing
from django.urls import reverse

from campaign.petitions.models import Signature
from campaign.petitions.tokens import CONFIRM_SALT, confirm_token, withdraw_token
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def confirm_url(token):
    return reverse("campaign:confirm", kwargs={"token": token})


def withdraw_url(token):
    return reverse("campaign:withdraw", kwargs={"token": token})


def tampered_versions(token):
    key, rest = token.split(":", 1)
    flipped = "A" if token[-1] != "A" else "B"
    return [
        token[:-1] + flipped,
        ("x" if key[0] != "x" else "y") + token[1:],
        key,
        f"{key}:{rest.split(':')[0]}",
        "garbage",
        token + "extra",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_confirm_links_are_refused_readably(client, method):
    petition = make_petition()
    signature = make_signature(petition)
    for bad in tampered_versions(confirm_token(signature)):
        response = getattr(client, method)(confirm_url(bad))
        assert response.status_code == 400, bad
        assert b"This link is not valid" in response.content
    assert petition.exact_count() == 0


def test_a_withdraw_token_cannot_confirm_nor_the_reverse(client):
    petition = make_petition()
    signature = make_signature(petition)
    assert client.post(confirm_url(withdraw_token(signature))).status_code == 400
    assert client.post(withdraw_url(confirm_token(signature))).status_code == 400
    assert Signature.objects.get().state == Signature.State.PENDING


def test_a_token_signed_with_another_key_is_refused(client):
    signature = make_signature(make_petition())
    forged = django_signing.TimestampSigner(key="attacker-key" * 5, salt=CONFIRM_SALT).sign(
        signature.key
    )
    assert client.post(confirm_url(forged)).status_code == 400


def test_expired_confirm_link_explains_and_changes_nothing(client, settings, monkeypatch):
    settings.CAMPAIGN_CONFIRM_LINK_DAYS = 7
    petition = make_petition()
    signature = make_signature(petition)
    token = confirm_token(signature)
    later = django_signing.time.time() + timedelta(days=7, seconds=5).total_seconds()
    monkeypatch.setattr(django_signing.time, "time", lambda: later)
    for method in (client.get, client.post):
        response = method(confirm_url(token))
        assert response.status_code == 410
        assert b"This link has expired" in response.content
    assert petition.exact_count() == 0


def test_link_still_valid_just_before_expiry(client, settings, monkeypatch):
    settings.CAMPAIGN_CONFIRM_LINK_DAYS = 7
    petition = make_petition()
    token = confirm_token(make_signature(petition))
    later = django_signing.time.time() + timedelta(days=6, hours=23).total_seconds()
    monkeypatch.setattr(django_signing.time, "time", lambda: later)
    assert client.post(confirm_url(token)).status_code == 302
    assert petition.exact_count() == 1


def test_links_to_a_deleted_signature_say_so(client):
    signature = make_signature(make_petition())
    tokens = confirm_token(signature), withdraw_token(signature)
    signature.delete()
    assert client.get(confirm_url(tokens[0])).status_code == 404
    response = client.get(withdraw_url(tokens[1]))
    assert response.status_code == 404
    assert b"No signature is held for this link" in response.content


def test_link_pages_are_never_cached_nor_indexed(client):
    signature = make_signature(make_petition())
    response = client.get(confirm_url(confirm_token(signature)))
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert b'name="robots" content="noindex"' in response.content


def test_confirm_page_shows_what_will_be_published(client):
    signature = make_signature(make_petition(), name="Жанар", show_name=True, city="Ақтау")
    content = client.get(confirm_url(confirm_token(signature))).content.decode()
    assert "Жанар" in content
    assert "Ақтау" in content
