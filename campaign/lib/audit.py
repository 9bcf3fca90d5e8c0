"""The admin log (django.contrib.admin's LogEntry) for moderation done in bulk.

Every row an action touches gets its own entry, so the history of each signature, candle or
request shows who acted on it and when. Entries name rows by model and id, never by the
signer's name: the log outlives the anonymisation of a closed petition's signers.
"""

from collections.abc import Iterable
from typing import cast

from django.contrib.admin.models import LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

LOG_BATCH = 1000


def log_bulk(
    user: AbstractBaseUser | AnonymousUser,
    objects: Iterable[Model],
    action_flag: int,
    message: object,
) -> int:
    """One LogEntry per object (any iterable of model instances, read once), written
    LOG_BATCH at a time. Returns how many were written."""
    entries, written = [], 0
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entries.append(
            LogEntry(
                user_id=cast(int, user.pk),  # the admin only acts for a logged-in user
                content_type_id=content_type.pk,
                object_id=str(obj.pk),
                object_repr=f"{obj._meta.verbose_name} #{obj.pk}"[:200],
                action_flag=action_flag,
                change_message=str(message),
            )
        )
        if len(entries) == LOG_BATCH:
            written += len(LogEntry.objects.bulk_create(entries))
            entries = []
    return written + len(LogEntry.objects.bulk_create(entries))
