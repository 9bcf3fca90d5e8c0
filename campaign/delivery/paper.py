"""Paper signatures: recording a batch, correcting it with a logged reason, the totals shown.

Every change of a batch goes through `record` or `correct`, which save it and forget the
petition's cached figures (campaign.petitions.caching), so its page shows the paper count at
once.
"""

from django.db import transaction

from campaign.delivery.models import PaperBatch, PaperBatchCorrection
from campaign.petitions import caching
from campaign.petitions.models import Petition

# What a correction compares; recorded_by and recorded_at never change.
FIELDS = ("petition", "count", "place", "collected_from", "collected_until", "scans")


def record(batch: PaperBatch, user) -> None:
    with transaction.atomic():
        batch.recorded_by = user
        batch.save()
        forget_page(batch.petition)


def correct(batch: PaperBatch, user, reason: str) -> PaperBatchCorrection | None:
    """Save the edited `batch` and log what changed against the stored row; None (and
    nothing saved) if nothing did."""
    with transaction.atomic():
        stored = PaperBatch.objects.select_for_update().select_related("petition").get(pk=batch.pk)
        changes = {
            field: [shown(getattr(stored, field)), shown(getattr(batch, field))]
            for field in FIELDS
            if getattr(stored, field) != getattr(batch, field)
        }
        if not changes:
            return None
        batch.save()
        correction = PaperBatchCorrection.objects.create(
            batch=batch, user=user, username=user.get_username(), changes=changes, reason=reason
        )
        forget_page(stored.petition)
        if stored.petition_id != batch.petition_id:
            forget_page(batch.petition)
    return correction


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Petition):
        return value.slug
    return str(value)


def forget_page(petition: Petition) -> None:
    """Bump the petition's version now, as the petition admin does, and again on commit: a
    page rendered in between, from the rows as they were, is not kept either."""
    slug = petition.slug
    caching.forget_figures(slug)
    transaction.on_commit(lambda: caching.forget_figures(slug))


def paper_batches(petition: Petition) -> list[PaperBatch]:
    """The petition's batches that count (a batch corrected to 0 was a mistake)."""
    return list(petition.paper_batches.filter(count__gt=0).order_by("collected_from", "pk"))
