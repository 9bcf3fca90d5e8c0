"""Moderation that is not a change of a signature's counted state: comments, cached figures.

Signatures are confirmed, rejected and restored only through campaign.petitions.signing; this module
handles what the admin needs around that.
"""

from django.db import transaction
from django.db.models import Q

from campaign.petitions import caching
from campaign.petitions.models import Petition, Signature

Comment = Signature.CommentState

CHUNK = 500

# Approving a rejected comment or rejecting an approved one is allowed: moderators change
# their minds. A signature without a comment is never touched.
COMMENT_SOURCES = {
    Comment.APPROVED: (Comment.PENDING, Comment.REJECTED),
    Comment.REJECTED: (Comment.PENDING, Comment.APPROVED),
}


def change_each(signatures, change):
    """Apply a campaign.petitions.signing function to every signature of a queryset, CHUNK to a
    transaction. The ids are read first, so changing rows never disturbs the reading, and
    only one chunk of rows is in memory at a time. Returns (ids changed, their petitions)."""
    ids = list(signatures.order_by("pk").values_list("pk", flat=True))
    changed, petitions = [], set()
    for start in range(0, len(ids), CHUNK):
        chunk = Signature.objects.filter(pk__in=ids[start : start + CHUNK]).only(
            "pk", "petition_id", "country", "state", "confirmed_at"
        )
        with transaction.atomic():
            for signature in chunk:
                if change(signature):
                    changed.append(signature.pk)
                    petitions.add(signature.petition_id)
    return changed, petitions


def comment_candidates(signatures, new_state):
    """The signatures whose comment would change to `new_state`."""
    return signatures.filter(comment_state__in=COMMENT_SOURCES[new_state]).exclude(comment="")


def set_comment_state(signatures, new_state):
    """Approve or reject comments with one conditional UPDATE; returns the changed ids."""
    candidates = comment_candidates(signatures, new_state)
    ids = list(candidates.values_list("pk", flat=True))
    Signature.objects.filter(Q(pk__in=ids), Q(comment_state__in=COMMENT_SOURCES[new_state])).update(
        comment_state=new_state
    )
    return ids


def forget_cached_figures(petition_ids):
    """Drop the cached count and page figures of these petitions, so that a rejection or a
    moderated comment shows on the next request instead of after the cache expires."""
    for slug in Petition.objects.filter(pk__in=set(petition_ids)).values_list("slug", flat=True):
        caching.forget_figures(slug)
