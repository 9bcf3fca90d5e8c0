"""Sending an update as tasks, one batch of recipients per task.

With a worker (the database backend), each task queues the next one before it sends its own
batch: if the worker dies mid-batch, the next task is already waiting, and a new worker goes
on with the recipients nobody has claimed. The last task, finding none, marks the update
sent. The Immediate backend would run that next task inside this one, nesting a call per
batch; it sends the batches one after another in a loop instead.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend

from campaign.updates import sending
from campaign.updates.models import Update


@task
def send_update_batch(update_id: int) -> dict[str, int] | str:
    update = (
        Update.objects.select_related("petition")
        .filter(pk=update_id, state=Update.State.SENDING)
        .first()
    )
    if update is None:
        return "not sending"
    if not sent_by_a_worker():
        while batch := sending.next_batch(update):
            sending.deliver(update, batch)
        sending.finish(update)
        return "finished"
    batch = sending.next_batch(update)
    if not batch:
        sending.finish(update)
        return "finished"
    send_update_batch.enqueue(update_id)
    return sending.deliver(update, batch)


def sent_by_a_worker() -> bool:
    return not isinstance(send_update_batch.get_backend(), ImmediateBackend)


def start_sending(update: Update, user: AbstractBaseUser | AnonymousUser) -> int | None:
    """Start sending (see sending.start) and queue the first batch: for a worker, in the same
    transaction as the change of state, so that neither happens without the other. The
    Immediate backend runs the task as it is enqueued: after that transaction, not in it."""
    worker = sent_by_a_worker()
    with transaction.atomic():
        count = sending.start(update, user)
        if count is not None and worker:
            send_update_batch.enqueue(update.pk)
    if count is not None and not worker:
        send_update_batch.enqueue(update.pk)
    return count
