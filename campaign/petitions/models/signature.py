import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_signature_key():
    """The random code in a signer's confirm and withdraw links (never the sequential id)."""
    return secrets.token_urlsafe(16)


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=Signature.State.CONFIRMED)

    def pending(self):
        return self.filter(state=Signature.State.PENDING)

    def public(self):
        """Confirmed signers who chose to be named, newest first."""
        return self.confirmed().filter(show_name=True).order_by("-confirmed_at", "-pk")

    def with_approved_comment(self):
        return self.filter(comment_state=Signature.CommentState.APPROVED)

    def publishable_comments(self):
        """Comments that could ever be shown: those of confirmed signers who chose to be
        named (a comment is shown only beside a public name). Nothing else is worth a
        moderator's time, nor should reach their eyes."""
        return (
            self.confirmed()
            .filter(show_name=True)
            .exclude(comment_state=Signature.CommentState.NONE)
        )

    def comments_to_moderate(self):
        return self.publishable_comments().filter(comment_state=Signature.CommentState.PENDING)


class Signature(models.Model):
    """One person's signature of one petition.

    The e-mail address is kept only while it is needed (until confirmation, or while the signer
    wants campaign updates); the one-per-person rule holds on `email_digest`, a keyed digest of
    the normalised address. State changes go through `campaign.petitions.signing`, which keeps the
    count right; do not update `state` directly.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    class CommentState(models.TextChoices):
        NONE = "none", _("no comment")
        PENDING = "pending", _("awaiting moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    NAME_MAX_LENGTH = 100
    CITY_MAX_LENGTH = 100
    COMMENT_MAX_LENGTH = 500

    petition = models.ForeignKey(
        "campaign.Petition", on_delete=models.CASCADE, related_name="signatures"
    )
    key = models.CharField(_("link code"), max_length=32, unique=True, default=new_signature_key)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    # Null once a petition's signatures are anonymised: NULLs never clash in the unique index.
    email_digest = models.CharField(  # noqa: DJ001
        _("e-mail digest"), max_length=64, null=True, blank=True
    )
    # Null (not "") once it is no longer needed, so "do we still hold it?" is one IS NULL test.
    email = models.EmailField(_("e-mail address"), null=True, blank=True)  # noqa: DJ001
    email_domain = models.CharField(_("e-mail domain"), max_length=253, blank=True)
    country = models.CharField(_("country"), max_length=2)
    city = models.CharField(_("city"), max_length=CITY_MAX_LENGTH, blank=True)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    comment_state = models.CharField(
        _("comment state"), max_length=8, choices=CommentState, default=CommentState.NONE
    )
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    wants_updates = models.BooleanField(_("wants campaign updates"), default=False)
    state = models.CharField(_("state"), max_length=9, choices=State, default=State.PENDING)
    language = models.CharField(_("language"), max_length=8, default="en")
    ip_digest = models.CharField(_("client digest"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("signed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_sent_count = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    last_sent_at = models.DateTimeField(_("last e-mail sent at"), null=True, blank=True)
    # The daily limit of e-mails per signature counts here, not in the cache: a cache kept
    # across a database restored from backup once held a count for a new signer's id.
    sent_on = models.DateField(_("day of the last e-mail"), null=True, blank=True)
    sent_that_day = models.PositiveSmallIntegerField(_("e-mails sent that day"), default=0)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "email_digest"], name="campaign_signature_one_per_email"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="confirmed") | models.Q(confirmed_at__isnull=False),
                name="campaign_signature_confirmed_has_time",
            ),
        ]
        indexes = [
            # "Recent public signers" on the petition page.
            models.Index(
                fields=["petition", "state", "show_name", "-confirmed_at"],
                name="campaign_sig_public_recent",
            ),
            # Retention: purge of old unconfirmed signatures, moderation lists by date.
            models.Index(fields=["state", "created_at"], name="campaign_sig_state_created"),
            # Fraud analysis: bursts of signatures per e-mail domain and per client.
            models.Index(fields=["email_domain", "created_at"], name="campaign_sig_domain"),
            models.Index(fields=["ip_digest", "created_at"], name="campaign_sig_client"),
            # The admin's comment queue and its count on the admin index: only the rows
            # waiting for a moderator, so it stays tiny and costs signing almost nothing.
            models.Index(
                fields=["-created_at"],
                condition=models.Q(comment_state="pending"),
                name="campaign_sig_comment_queue",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_state_display()})"

    @property
    def is_confirmed(self):
        return self.state == self.State.CONFIRMED

    @property
    def shard(self):
        """The counter slice this signature counts in (see SignatureCountShard)."""
        return self.pk % settings.CAMPAIGN_COUNT_SHARDS
