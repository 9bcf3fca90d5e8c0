"""The claim: one Delivery per update and signature, whoever asks, and only while the signer
still wants the update."""

import pytest
from django.db import IntegrityError, transaction

from campaign.updates import emails, sending
from campaign.updates.models import Delivery, Update
from tests.updates.conftest import update_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(petition, campaign_lead):
    update = Update.objects.create(petition=petition, **update_texts())
    sending.start(update, campaign_lead)
    return update


def test_a_recipient_is_claimed_once(update, recipients):
    reader = recipients[0]
    assert sending.claim(update, reader.pk) == reader
    assert sending.claim(update, reader.pk) is None  # a second worker gets nothing
    assert Delivery.objects.filter(update=update, signature=reader).count() == 1
    assert reader.pk not in sending.next_batch(update)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(update=update, signature=reader, language="en")


def test_a_signer_who_unsubscribed_meanwhile_is_not_claimed(update, recipients):
    reader = recipients[0]
    batch = sending.next_batch(update)
    sending.unsubscribe(reader.key)
    assert reader.pk in batch
    assert sending.claim(update, reader.pk) is None
    assert not Delivery.objects.exists()


def test_the_html_part_escapes_what_the_lead_typed(petition):
    update = Update.objects.create(
        petition=petition, **{**update_texts(), "body_en": 'Read <script>alert("x")</script>'}
    )
    html = emails.render(update, "en")["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_update_is_started_once(petition, campaign_lead, recipients):
    update = Update.objects.create(petition=petition, **update_texts())
    assert sending.start(update, campaign_lead) == 3
    assert sending.start(update, campaign_lead) is None
    assert update.state == Update.State.SENDING and update.recipients_at_start == 3
