"""Deferred work: e-mail leaves the request through django.tasks.

The signing view enqueues one task for every accepted form, whether the address is new,
pending or already confirmed, so that the response takes the same time in every case; the
task decides whether anything is sent.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from campaign import emails
from campaign.models import Signature
from campaign.ratelimit import hit, used

# A second e-mail to the same signer within this time is a double click, not a lost message.
RESEND_INTERVAL = timedelta(minutes=1)
DAY = 86400


def claim_send(signature_id):
    """Reserve one e-mail for this signature, atomically: True if it may be sent now."""
    now = timezone.now()
    claimed = (
        Signature.objects.filter(
            pk=signature_id, confirmation_sent_count__lt=settings.CAMPAIGN_EMAILS_PER_SIGNATURE
        )
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - RESEND_INTERVAL))
        .update(confirmation_sent_count=F("confirmation_sent_count") + 1, last_sent_at=now)
    )
    return bool(claimed)


def sent_by_a_worker():
    """True when e-mail tasks are queued for a worker rather than run inside the request."""
    return not isinstance(send_signature_email.get_backend(), ImmediateBackend)


@task
def send_signature_email(signature_id):
    """Confirmation for a pending signature; a short notice for a confirmed one."""
    signature = (
        Signature.objects.select_related("petition")
        .filter(pk=signature_id, email__isnull=False)
        .exclude(state=Signature.State.REJECTED)
        .first()
    )
    if signature is None:
        return "no address"
    daily_key = f"signature-mail:{signature.pk}"
    if used(daily_key, DAY) >= settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY:
        return "daily limit"
    if not claim_send(signature.pk):
        return "too soon or too many"
    hit(daily_key, settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY, DAY)
    if signature.state == Signature.State.PENDING:
        emails.confirmation(signature)
        return "confirmation"
    emails.already_signed(signature)
    return "already signed"
