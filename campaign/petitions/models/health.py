from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The one row /healthz/ writes on every check, to prove the database takes writes.

    Reading (SELECT 1) kept working while every write failed; a check that writes tells the
    truth. One upsert of one row: cheap enough to poll every few seconds.
    """

    beat_at = models.DateTimeField(_("last written"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.beat_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls):
        """Write the row now, creating it the first time: one INSERT ... ON CONFLICT."""
        cls.objects.bulk_create(
            [cls(pk=1, beat_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["pk"],
            update_fields=["beat_at"],
        )
