"""Deleting what we no longer need, on the schedule the privacy page promises.

Each function is idempotent and returns how many rows it changed; management commands run
them (see README.md for the defaults).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaign.petitions.models import Petition, Signature

State = Signature.State


def purge_unconfirmed(days=None, now=None):
    """Delete pending signatures older than `days`: never counted, so no count changes."""
    days = settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = Signature.objects.filter(
        state=State.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


def addresses_not_needed():
    """Signatures holding an address they no longer need: confirmed without asking for
    news, or rejected."""
    return Signature.objects.filter(email__isnull=False).filter(
        Q(state=State.CONFIRMED, wants_updates=False) | Q(state=State.REJECTED)
    )


def drop_addresses():
    return addresses_not_needed().update(email=None)


def petitions_due_for_anonymising(days=None, now=None):
    days = settings.CAMPAIGN_ANONYMISE_AFTER_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    closed_long_ago = Q(closes_at__lte=cutoff) | Q(
        state=Petition.State.CLOSED, closes_at__isnull=True, updated_at__lte=cutoff
    )
    return Petition.objects.filter(anonymised_at__isnull=True).filter(closed_long_ago)


def anonymise(petition):
    """Strip everything personal from a closed petition's signatures; keep country and dates.

    Unconfirmed ones are deleted. The count does not change (it is kept in the shards, and
    the confirmed rows remain).
    """
    with transaction.atomic():
        petition.signatures.filter(state=State.PENDING).delete()
        changed = petition.signatures.update(
            name="",
            email=None,
            email_digest=None,
            email_domain="",
            city="",
            comment="",
            comment_state=Signature.CommentState.NONE,
            show_name=False,
            wants_updates=False,
            ip_digest="",
        )
        Petition.objects.filter(pk=petition.pk).update(anonymised_at=timezone.now())
    return changed
