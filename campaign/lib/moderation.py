"""What waits for moderators, and what the dashboard charts, as each app registers it.

Every app registers in its AppConfig.ready() its moderation queues (label, permission,
queryset, change list) and the records it charts per day; the admin index's queue counts and
the campaign dashboard read these registries, so the app that draws them imports no other
app's models.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Queue:
    key: str
    # Its name on the admin index, and the longer one on the dashboard.
    label: Promise
    title: Promise
    # Seeing the queue on the index needs this permission.
    permission: str
    waiting: Callable[[], models.QuerySet]
    changelist: str
    query: str = ""
    # False: counted on the dashboard only.
    on_index: bool = True

    def url(self) -> str:
        return reverse(self.changelist) + self.query

    def count(self) -> int:
        return self.waiting().count()


@dataclass(frozen=True)
class Activity:
    """Records the dashboard counts per day by state (a `created_at` and a `state` field)."""

    key: str
    rows: Callable[[], models.QuerySet]
    states: type[models.TextChoices]
    # Drawing order of the states, which sets their colours: counted, waiting, rejected.
    order: tuple[str, ...]
    # How many count now, for the line above the chart.
    counted: Callable[[], int]


QUEUES: dict[str, Queue] = {}
ACTIVITIES: dict[str, Activity] = {}


def register_queue(queue: Queue) -> None:
    QUEUES[queue.key] = queue


def register_activity(activity: Activity) -> None:
    ACTIVITIES[activity.key] = activity


def index_queues(user: PermissionsMixin | AnonymousUser) -> list[Queue]:
    """The queues shown on the admin index to `user`, in the order the apps registered them."""
    return [q for q in QUEUES.values() if q.on_index and user.has_perm(q.permission)]


def dashboard_queues() -> list[Queue]:
    """Every queue, the index's first."""
    return sorted(QUEUES.values(), key=lambda queue: not queue.on_index)
