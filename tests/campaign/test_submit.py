"""signing.submit: the sign POST's workflow, outside any view."""

import pytest
from django.core import mail
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import HttpResponseRedirect
from django_tasks_db.models import DBTaskResult

from campaign.petitions import signing
from campaign.petitions.forms import SignatureForm
from campaign.petitions.models import Petition, Signature
from campaign.petitions.signing import Outcome
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db

CLIENT = "c" * 64


def form(**fields):
    data = {"name": "Asel", "email": "asel@example.org", "country": "KZ", "website": ""}
    return SignatureForm({**data, **fields})


def sent(response):
    """Close the response as the server does once it has gone out. Like Django's test client,
    keep the test's database connection through it: closing the request would otherwise close
    the connection that holds the test's transaction (PostgreSQL; SQLite's in-memory database
    ignores the close)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_a_valid_form_signs_and_the_redirect_sends_the_email_after_the_response():
    submission = signing.submit(make_petition(), form(), CLIENT)
    assert submission.outcome == Outcome.SIGNED
    assert submission.signature.ip_digest == CLIENT
    response = submission.redirect("/inbox/")
    assert response.status_code == 302
    assert mail.outbox == []
    sent(response)
    assert len(mail.outbox) == 1


def test_a_closed_petition_counts_nothing(settings):
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 1
    closed = make_petition(state=Petition.State.CLOSED)
    assert signing.submit(closed, form(), CLIENT).outcome == Outcome.CLOSED
    assert signing.submit(make_petition(), form(), CLIENT).outcome == Outcome.SIGNED


def test_an_invalid_form_counts_against_the_client(settings):
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 1
    petition = make_petition()
    assert signing.submit(petition, form(email="no"), CLIENT).outcome == Outcome.INVALID
    assert signing.submit(petition, form(), CLIENT).outcome == Outcome.LIMITED
    assert not Signature.objects.exists()


def test_a_bot_is_told_it_signed_and_nothing_is_stored():
    submission = signing.submit(make_petition(), form(website="http://spam"), CLIENT)
    assert submission.outcome == Outcome.SIGNED
    assert submission.signature is None
    sent(submission.redirect("/inbox/"))
    assert not Signature.objects.exists()
    assert mail.outbox == []


def test_one_address_is_limited_from_any_client(settings):
    settings.CAMPAIGN_EMAIL_DAILY_LIMIT = 1
    petition = make_petition()
    assert signing.submit(petition, form(), "a" * 64).outcome == Outcome.SIGNED
    assert signing.submit(petition, form(), "b" * 64).outcome == Outcome.LIMITED


def test_a_worker_gets_the_email_queued_with_the_row(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    submission = signing.submit(make_petition(), form(), CLIENT)
    assert DBTaskResult.objects.count() == 1
    assert type(submission.redirect("/inbox/")) is HttpResponseRedirect
