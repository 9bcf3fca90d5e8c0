from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.petitions.models import Petition


class PaperBatchQuerySet(models.QuerySet):
    def total(self) -> int:
        return self.aggregate(total=models.Sum("count", default=0))["total"]


class PaperBatch(models.Model):
    """Signatures collected on paper: counted beside the online ones, never added to them,
    since nobody confirmed them by e-mail. Corrected only with a logged reason."""

    petition = models.ForeignKey(
        Petition,
        on_delete=models.PROTECT,
        related_name="paper_batches",
        verbose_name=_("petition"),
    )
    count = models.PositiveIntegerField(
        _("signatures"),
        help_text=_("Correct a batch recorded by mistake to 0, giving the reason."),
    )
    place = models.CharField(_("where collected"), max_length=200)
    collected_from = models.DateField(_("collected from"))
    collected_until = models.DateField(
        _("collected until"), null=True, blank=True, help_text=_("Empty for a single day.")
    )
    scans = models.CharField(
        _("reference to the scans"),
        max_length=300,
        help_text=_("Where the scanned sheets are kept, for example a folder name."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    objects = PaperBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("paper signature batch")
        verbose_name_plural = _("paper signature batches")
        ordering = ["collected_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(collected_until__isnull=True)
                | models.Q(collected_until__gte=models.F("collected_from")),
                name="delivery_paperbatch_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.place}, {self.collected_from:%Y-%m-%d} ({self.count})"


class PaperBatchCorrection(models.Model):
    """One change to a batch: who, when, each changed field's old and new value, and why."""

    batch = models.ForeignKey(
        PaperBatch,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("batch"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    # The name as it was, so the log still says who once the account is gone.
    username = models.CharField(_("user name"), max_length=150)
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    # {field name: [old, new]}, each value as the admin showed it.
    changes = models.JSONField(_("changes"))
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["corrected_at", "pk"]

    def __str__(self):
        return f"{self.batch_id} @ {self.corrected_at:%Y-%m-%d %H:%M}"
