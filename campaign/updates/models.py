from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Update(models.Model):
    """News of the campaign for the signers of one petition who asked for it.

    Subject and text are translated (campaign/updates/translation.py); each signer gets the
    version in the language they signed in. Sending goes through campaign.updates.sending,
    which moves `state` from draft to sending to sent.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    petition = models.ForeignKey(
        "campaign.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="updates",
    )
    subject = models.CharField(
        _("subject"),
        max_length=150,
        help_text=_(
            "Shown in notification previews, where others may see it: keep it neutral, "
            "without the petition's name."
        ),
    )
    body = models.TextField(
        _("text"), help_text=_("Plain text. The unsubscribe link is added below it.")
    )
    state = models.CharField(
        _("state"), max_length=7, choices=State, default=State.DRAFT, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    started_at = models.DateTimeField(_("sending started at"), null=True, editable=False)
    finished_at = models.DateTimeField(_("sending finished at"), null=True, editable=False)
    recipients_at_start = models.PositiveIntegerField(
        _("recipients when sending started"), null=True, editable=False
    )

    class Meta:
        verbose_name = _("update to signers")
        verbose_name_plural = _("updates to signers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """One recipient of one update, claimed before its message is sent.

    The unique (update, signature) pair makes the claim: a recipient is claimed at most once,
    so never sent twice, whichever worker gets there first and however often sending resumes.
    A claim whose send was never confirmed (the worker died while sending it) stays CLAIMED and
    is reported as uncertain, not sent again (docs/DECISIONS.md: at most once).
    """

    class State(models.TextChoices):
        CLAIMED = "claimed", _("claimed, not confirmed")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (as NULL) when the signature is withdrawn, so the update's figures stay right.
    signature = models.ForeignKey(
        "campaign.Signature", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("state"), max_length=7, choices=State, default=State.CLAIMED)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    done_at = models.DateTimeField(_("sent or failed at"), null=True)
    # The exception's class only: an SMTP error's text can quote the address.
    error = models.CharField(_("error"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["update", "signature"], name="updates_delivery_once_per_signature"
            )
        ]
        indexes = [
            # The progress figures: deliveries of one update counted by state.
            models.Index(fields=["update", "state"], name="updates_delivery_progress"),
        ]

    def __str__(self):
        return f"{self.update_id}/{self.signature_id}: {self.get_state_display()}"
