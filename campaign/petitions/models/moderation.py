from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.petitions.models.signature import Signature


class ExportLog(models.Model):
    """One export of a petition's signatures: who, when, which petition, how many rows.

    Written when the download starts and completed when the last row has been sent, so an
    interrupted download is recorded too. The names are copied so that the record outlives
    the account or the petition.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150)
    petition = models.ForeignKey(
        "campaign.Petition",
        on_delete=models.SET_NULL,
        null=True,
        related_name="exports",
        verbose_name=_("petition"),
    )
    petition_title = models.CharField(_("petition title"), max_length=200)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows sent"), default=0)

    class Meta:
        verbose_name = _("signature export")
        verbose_name_plural = _("signature exports")
        ordering = ["-started_at"]
        permissions = [("export_signatures", _("Can export a petition's confirmed signatures"))]

    def __str__(self):
        return f"{self.petition_title} ({self.started_at:%Y-%m-%d %H:%M}, {self.username})"

    @property
    def completed(self):
        return self.finished_at is not None


class SignatureComment(Signature):
    """Signers' comments as a moderation queue of their own in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
