"""Sending an update: who receives it, the claim that makes each message go out at most once,
the figures the admin shows, and unsubscribing.

A recipient is a confirmed signer of the petition who asked for news and whose address is
still stored. Each message is claimed (a Delivery row, unique per update and signature)
in its own transaction before it is handed to the mail server, and marked sent or failed
after. Whatever stops a worker, a resumed send picks only recipients with no claim, so
nobody gets the update twice; the one message a dead worker was sending stays claimed and is
reported as uncertain (docs/DECISIONS.md).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import CHANGE
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.mail import mailers
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext

from campaign.lib.audit import log_bulk
from campaign.petitions.models import Petition, Signature
from campaign.updates import emails
from campaign.updates.models import Delivery, Update


def recipients(petition: Petition) -> QuerySet[Signature]:
    return Signature.objects.confirmed().filter(
        petition=petition, wants_updates=True, email__isnull=False
    )


def not_yet_claimed(update: Update) -> QuerySet[Signature]:
    claimed = Delivery.objects.filter(update=update, signature=OuterRef("pk"))
    return recipients(update.petition).exclude(Exists(claimed))


def start(update: Update, user: AbstractBaseUser | AnonymousUser) -> int | None:
    """Draft to sending, logged; the number of recipients, or None if it was not a draft
    (a second click, or another lead faster)."""
    count = recipients(update.petition).count()
    with transaction.atomic():
        started = Update.objects.filter(pk=update.pk, state=Update.State.DRAFT).update(
            state=Update.State.SENDING,
            sent_by=user,
            started_at=timezone.now(),
            recipients_at_start=count,
        )
        if not started:
            return None
        message = gettext("Started sending the update to %(count)d recipients") % {"count": count}
        log_bulk(user, [update], CHANGE, message)
    update.refresh_from_db()
    return count


def next_batch(update: Update) -> list[int]:
    return list(
        not_yet_claimed(update)
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.CAMPAIGN_UPDATES_BATCH_SIZE]
    )


def claim(update: Update, signature_id: int) -> Signature | None:
    """The signature, if it still wants this update and nobody has claimed it; claimed now."""
    signature = recipients(update.petition).filter(pk=signature_id).first()
    if signature is None:
        return None
    try:
        with transaction.atomic():
            Delivery.objects.create(update=update, signature=signature, language=signature.language)
    except IntegrityError:
        return None  # another worker has it
    return signature


def deliver(update: Update, signature_ids: list[int]) -> dict[str, int]:
    """Claim and send each one, over one connection to the mail server."""
    outcome = {"sent": 0, "failed": 0}
    with mailers.default as connection:
        for signature_id in signature_ids:
            signature = claim(update, signature_id)
            if signature is None or signature.email is None:  # (recipients hold an address)
                continue
            message = emails.message(update, signature.email, signature.language, signature.key)
            try:
                connection.send_messages([message])
            except Exception as error:
                # Whatever went wrong is recorded as failed, and never retried.
                mark(update, signature, Delivery.State.FAILED, type(error).__name__)
                outcome["failed"] += 1
                # A broken connection is opened again for the next message.
                connection.close()
                continue
            mark(update, signature, Delivery.State.SENT)
            outcome["sent"] += 1
    return outcome


def mark(update: Update, signature: Signature, state: str, error: str = "") -> None:
    Delivery.objects.filter(update=update, signature=signature).update(
        state=state, done_at=timezone.now(), error=error[:100]
    )


def send_test_copies(update: Update, address: str) -> list[str]:
    """The update in each language to `address` (a member of staff's own), as a signer gets
    it, with an unsubscribe link that unsubscribes nobody. Returns the languages sent."""
    languages = [code for code, _name in settings.LANGUAGES]
    with mailers.default as connection:
        connection.send_messages([emails.message(update, address, code) for code in languages])
    return languages


def finish(update: Update) -> None:
    Update.objects.filter(pk=update.pk, state=Update.State.SENDING).update(
        state=Update.State.SENT, finished_at=timezone.now()
    )


@dataclass(frozen=True)
class Progress:
    sent: int
    failed: int
    uncertain: int
    waiting: int

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.uncertain + self.waiting


def progress(update: Update) -> Progress:
    """Where sending stands. A claim not yet marked is "uncertain": while sending, most are
    the messages being sent at this moment; once sent, those a worker died sending."""
    counts = Delivery.objects.filter(update=update).aggregate(
        sent=Count("pk", filter=Q(state=Delivery.State.SENT)),
        failed=Count("pk", filter=Q(state=Delivery.State.FAILED)),
        uncertain=Count("pk", filter=Q(state=Delivery.State.CLAIMED)),
    )
    waiting = not_yet_claimed(update).count() if update.state != Update.State.SENT else 0
    return Progress(waiting=waiting, **counts)


def unsubscribe(signature_key: str) -> None:
    """No more updates, and the address deleted now. The signature and its digest stay, so it
    still counts and the address still cannot sign twice. A pending signature keeps its
    address until it is confirmed (the confirmation drops it, as wants_updates is off)."""
    Signature.objects.filter(key=signature_key).update(
        wants_updates=False,
        email=Case(When(state=Signature.State.PENDING, then=F("email")), default=None),
    )
