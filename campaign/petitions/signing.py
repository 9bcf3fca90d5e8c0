"""Every change of a signature's state, with the count that follows it.

The only module that writes `Signature.state` or the count shards. Each function runs in one
short transaction, changes a row only when it is in the expected state (a conditional UPDATE,
so two requests racing cannot both succeed), and is idempotent: calling it again is a no-op
that returns False. The moderation admin calls reject/restore/confirm; views call the rest,
and the sign view calls `submit`, which wraps `sign` in the limits, the bot trap and the
e-mail.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Case, F, When
from django.http import HttpResponseRedirect
from django.utils import timezone

from campaign.lib.digests import email_digest
from campaign.lib.ratelimit import allowed
from campaign.petitions.forms import SignatureForm
from campaign.petitions.models import Petition, Signature, SignatureCountShard
from campaign.petitions.normalise import normalise_email
from campaign.petitions.tasks import redirect_then_email, send_signature_email, sent_by_a_worker

State = Signature.State


class PetitionNotOpen(Exception):
    pass


class Outcome(StrEnum):
    SIGNED = "signed"
    CLOSED = "closed"
    LIMITED = "limited"
    INVALID = "invalid"


@dataclass(frozen=True)
class Submission:
    """What became of a signature form. `signature` is the row made or found; it is None for
    every other outcome and for a bot caught by the trap, which is told SIGNED like anyone."""

    outcome: Outcome
    signature: Signature | None = None

    def redirect(self, url: str) -> HttpResponseRedirect:
        """The redirect every accepted form gets. Without a worker it sends the e-mail once
        the response has gone (campaign.petitions.tasks), so the wait tells nothing."""
        if self.signature is None:
            return HttpResponseRedirect(url)
        return redirect_then_email(url, self.signature.pk)


def submit(petition: Petition, form: SignatureForm, client: str) -> Submission:
    """Sign `petition` with a bound SignatureForm sent by the client whose digest is `client`.

    In this order: a closed petition is refused before anything is counted; every other form
    counts against the client's limits, valid or not (so the form's errors cost a flood as
    much as signing); a bot that filled the trap is answered like anyone and stores nothing;
    then the address's own daily limit, and the row, with its e-mail queued in the same
    transaction when a worker sends it (`Submission.redirect` sends it otherwise).
    """
    if not petition.is_open():
        return Submission(Outcome.CLOSED)
    if not allowed("sign", f"client:{client}"):
        return Submission(Outcome.LIMITED)
    if not form.is_valid():
        return Submission(Outcome.INVALID)
    if form.is_bot:
        return Submission(Outcome.SIGNED)
    email = normalise_email(form.cleaned_data["email"])
    digest = email_digest(email)
    if not allowed("sign-address", digest):
        return Submission(Outcome.LIMITED)
    queued = sent_by_a_worker()
    # The petition was found open above: `record`, not `sign`, which would check it again and
    # digest the address again.
    with transaction.atomic():
        signature, _created = record(
            petition, email, digest, **form.signing_kwargs(), ip_digest=client
        )
        if queued:
            send_signature_email.enqueue(signature.pk)
    return Submission(Outcome.SIGNED, signature)


def sign(
    petition: Petition,
    *,
    name: str,
    email: str,
    country: str,
    city: str = "",
    comment: str = "",
    show_name: bool = False,
    wants_updates: bool = False,
    language: str = "en",
    ip_digest: str = "",
) -> tuple[Signature, bool]:
    """Record a pending signature, or find the one this address already made.

    Returns (signature, created). A signature that exists is never changed, whatever its
    state: whoever types another spelling of a pending address must not rewrite what its
    owner wrote and is about to confirm (see docs/DECISIONS.md). Every call runs the same
    two queries, an INSERT that skips a taken address and a SELECT, so that the time it
    takes does not tell whether the address had signed.
    """
    if not petition.is_open():
        raise PetitionNotOpen(petition.slug)
    normalised = normalise_email(email)
    return record(
        petition,
        normalised,
        email_digest(normalised),
        name=name,
        email=email,
        country=country,
        city=city,
        comment=comment,
        show_name=show_name,
        wants_updates=wants_updates,
        language=language,
        ip_digest=ip_digest,
    )


def record(
    petition: Petition,
    normalised: str,
    digest: str,
    *,
    name: str,
    email: str,
    country: str,
    city: str = "",
    comment: str = "",
    show_name: bool = False,
    wants_updates: bool = False,
    language: str = "en",
    ip_digest: str = "",
) -> tuple[Signature, bool]:
    """`sign` for a caller that has checked the petition is open and has the address in its
    normalised form and its digest already (`submit`)."""
    candidate = Signature(
        petition=petition,
        email_digest=digest,
        email_domain=normalised.rpartition("@")[2],
        ip_digest=ip_digest,
        name=name,
        email=email.strip(),
        country=country,
        city=city,
        comment=comment,
        comment_state=Signature.CommentState.PENDING if comment else Signature.CommentState.NONE,
        show_name=show_name,
        wants_updates=wants_updates,
        language=language,
    )
    Signature.objects.bulk_create([candidate], ignore_conflicts=True)
    signature = Signature.objects.get(petition=petition, email_digest=digest)
    return signature, signature.key == candidate.key


def _count(signature: Signature, delta: int) -> None:
    """Add delta to the signature's count shard, creating the shard on first use."""
    shard = SignatureCountShard.objects.filter(
        petition_id=signature.petition_id, country=signature.country, shard=signature.shard
    )
    if not shard.update(count=F("count") + delta):
        SignatureCountShard.objects.bulk_create(
            [
                SignatureCountShard(
                    petition_id=signature.petition_id,
                    country=signature.country,
                    shard=signature.shard,
                )
            ],
            ignore_conflicts=True,
        )
        shard.update(count=F("count") + delta)


def _refresh(signature: Signature) -> None:
    signature.refresh_from_db(fields=["state", "confirmed_at", "email"])


def confirm(signature: Signature) -> bool:
    """Pending to confirmed, counted; the address is dropped unless updates were asked for."""
    with transaction.atomic():
        changed = Signature.objects.filter(pk=signature.pk, state=State.PENDING).update(
            state=State.CONFIRMED,
            confirmed_at=timezone.now(),
            email=Case(When(wants_updates=True, then=F("email")), default=None),
        )
        if changed:
            _count(signature, +1)
    _refresh(signature)
    return bool(changed)


def reject(signature: Signature) -> bool:
    """Moderation: not counted any more (pending or confirmed); the row stays for analysis."""
    with transaction.atomic():
        if Signature.objects.filter(pk=signature.pk, state=State.CONFIRMED).update(
            state=State.REJECTED
        ):
            _count(signature, -1)
            changed = True
        else:
            changed = bool(
                Signature.objects.filter(pk=signature.pk, state=State.PENDING).update(
                    state=State.REJECTED
                )
            )
    _refresh(signature)
    return changed


def restore(signature: Signature) -> bool:
    """Undo a rejection: back to confirmed (and counted) if it had been confirmed, else pending."""
    with transaction.atomic():
        rejected = Signature.objects.filter(pk=signature.pk, state=State.REJECTED)
        if rejected.filter(confirmed_at__isnull=False).update(state=State.CONFIRMED):
            _count(signature, +1)
            changed = True
        else:
            changed = bool(rejected.filter(confirmed_at__isnull=True).update(state=State.PENDING))
    _refresh(signature)
    return changed


def withdraw(signature: Signature) -> bool:
    """The signer takes their signature back: the row is deleted, and its count with it."""
    with transaction.atomic():
        row = (
            Signature.objects.select_for_update()
            .filter(pk=signature.pk)
            .values("state", "petition_id", "country")
            .first()
        )
        if row is None:
            return False
        Signature.objects.filter(pk=signature.pk).delete()
        if row["state"] == State.CONFIRMED:
            signature.petition_id, signature.country = row["petition_id"], row["country"]
            _count(signature, -1)
    return True


def reject_many(signatures: Iterable[Signature]) -> int:
    """Reject each signature of an iterable or queryset; returns how many changed."""
    return sum(reject(signature) for signature in signatures)


def restore_many(signatures: Iterable[Signature]) -> int:
    return sum(restore(signature) for signature in signatures)
