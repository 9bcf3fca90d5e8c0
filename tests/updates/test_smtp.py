"""Sending an update to a real SMTP server: each recipient once, in their language, with the
RFC 8058 headers, and the header's link unsubscribing with one POST."""

import re

import pytest
from django.test import Client

from campaign.petitions.models import Signature
from campaign.updates import sending, tasks
from campaign.updates.models import Delivery, Update
from tests.updates.conftest import TEXTS, recipient, update_texts
from tests.updates.smtp_sink import smtp_sink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink(settings):
    with smtp_sink() as sink:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 10},
            }
        }
        yield sink


def test_each_recipient_gets_one_message_in_their_language_with_both_headers(
    sink, settings, campaign_lead, petition, recipients
):
    settings.CAMPAIGN_UPDATES_BATCH_SIZE = 2  # several batches for four recipients
    recipients.append(recipient(petition, "ru"))
    update = Update.objects.create(petition=petition, **update_texts())

    assert tasks.start_sending(update, campaign_lead) == 4

    mailboxes = sink.by_recipient()
    assert sorted(mailboxes) == sorted(signature.email for signature in recipients)
    for signature in recipients:
        [message] = mailboxes[signature.email]
        subject, body = TEXTS[signature.language]
        assert message["Subject"] == subject
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert body in text
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        [url] = re.fullmatch(r"<(\S+)>", message["List-Unsubscribe"]).groups()
        # Written out as it is, not in encoded words: mail programs read it undecoded.
        assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in message.raw
        assert f"/{signature.language}/updates/unsubscribe/" in url
        assert url in text  # the same personal link in the text
        assert signature.email not in url
    update.refresh_from_db()
    assert update.state == Update.State.SENT
    assert sending.progress(update) == sending.Progress(sent=4, failed=0, uncertain=0, waiting=0)


def test_the_header_link_unsubscribes_with_one_post_and_no_cookie(
    sink, settings, campaign_lead, petition, recipients
):
    update = Update.objects.create(petition=petition, **update_texts())
    tasks.start_sending(update, campaign_lead)
    reader = recipients[1]
    [message] = sink.by_recipient()[reader.email]
    url = re.fullmatch(r"<(\S+)>", message["List-Unsubscribe"]).group(1)

    # What a mail program sends (RFC 8058 section 3.1): no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix(settings.SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reader = Signature.objects.get(pk=reader.pk)
    assert reader.email is None and not reader.wants_updates
    assert reader.email_digest and reader.state == Signature.State.CONFIRMED

    # The next update does not go to them.
    sink.received.clear()
    second = Update.objects.create(petition=petition, **update_texts())
    assert tasks.start_sending(second, campaign_lead) == 2
    assert recipients[1].email not in sink.by_recipient()
    assert not Delivery.objects.filter(update=second, signature=reader).exists()


def test_a_refused_recipient_is_failed_once_without_its_address_and_the_rest_go(
    sink, campaign_lead, petition, recipients
):
    refused = recipients[0]
    sink.refused.add(refused.email)
    update = Update.objects.create(petition=petition, **update_texts())
    tasks.start_sending(update, campaign_lead)

    assert sorted(sink.by_recipient()) == sorted(s.email for s in recipients[1:])
    failed = Delivery.objects.get(state=Delivery.State.FAILED)
    assert failed.signature_id == refused.pk
    assert failed.error == "SMTPRecipientsRefused"  # the class only: its text names the address
    assert sending.progress(update) == sending.Progress(sent=2, failed=1, uncertain=0, waiting=0)
