"""Deferred work: e-mail leaves the request through django.tasks.

Every accepted form hands one task to the backend, whether the address is new, pending or
already confirmed, and the task decides whether anything is sent. A worker (the database
backend) runs it in another process. The default Immediate backend runs it where it is
enqueued, so the signing view enqueues it only once the response has been sent
(`redirect_then_email`): a new address gets a message rendered and sent, a confirmed one
often none, and a wait that included that work told anyone timing the form whether an
address had signed.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, F, Q, When
from django.http import HttpResponseRedirect
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from campaign.petitions import emails
from campaign.petitions.models import Signature

# A second e-mail to the same signer within this time is a double click, not a lost message.
RESEND_INTERVAL = timedelta(minutes=1)


def claim_send(signature_id):
    """Reserve one e-mail for this signature, atomically: True if it may be sent now.

    One conditional UPDATE checks and counts every limit (a minute since the last, a few a
    day, a few ever), so two workers can never both send past one."""
    now = timezone.now()
    today = timezone.localdate(now)
    claimed = (
        Signature.objects.filter(
            pk=signature_id, confirmation_sent_count__lt=settings.CAMPAIGN_EMAILS_PER_SIGNATURE
        )
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - RESEND_INTERVAL))
        .exclude(sent_on=today, sent_that_day__gte=settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY)
        .update(
            confirmation_sent_count=F("confirmation_sent_count") + 1,
            last_sent_at=now,
            sent_that_day=Case(When(sent_on=today, then=F("sent_that_day") + 1), default=1),
            sent_on=today,
        )
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
    if not claim_send(signature.pk):
        return "too soon or too many"
    if signature.state == Signature.State.PENDING:
        emails.confirmation(signature)
        return "confirmation"
    emails.already_signed(signature)
    return "already signed"


class RedirectThenEmail(HttpResponseRedirect):
    """A redirect that enqueues the signature's e-mail once it has been sent.

    A WSGI server calls close() after the last byte of the response has gone out (PEP 3333,
    and Django's test client does the same), so with the Immediate backend the visitor's
    wait no longer includes the e-mail."""

    def __init__(self, redirect_to, signature_id):
        super().__init__(redirect_to)
        self.signature_id = signature_id

    def close(self):
        try:
            send_signature_email.enqueue(self.signature_id)
        finally:
            super().close()


def redirect_then_email(redirect_to, signature_id):
    """Redirect, then enqueue the e-mail when it is run in this process; with a worker the
    caller has queued it already (in the signature's own transaction)."""
    if sent_by_a_worker():
        return HttpResponseRedirect(redirect_to)
    return RedirectThenEmail(redirect_to, signature_id)
