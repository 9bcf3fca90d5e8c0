"""The moderation actions on signatures and their comments.

Each one asks first (campaign.lib.confirm), changes state only through campaign.petitions.signing or
campaign.petitions.moderation, logs every row it changes, and drops the cached public figures of the
petitions it touched, so the public count follows at once.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from campaign.lib.confirm import confirm_first
from campaign.petitions import moderation, signing
from campaign.petitions.models import Signature
from campaign.petitions.tasks import send_signature_email

State = Signature.State
Comment = Signature.CommentState


def pending(rows):
    return rows.filter(state=State.PENDING)


def not_rejected(rows):
    return rows.exclude(state=State.REJECTED)


def rejected(rows):
    return rows.filter(state=State.REJECTED)


def awaiting_email(rows):
    return rows.filter(state=State.PENDING, email__isnull=False)


def comments_to_approve(rows):
    return moderation.comment_candidates(rows, Comment.APPROVED)


def comments_to_reject(rows):
    return moderation.comment_candidates(rows, Comment.REJECTED)


# What a state change reports, with the number of signatures it changed named "n".
CONFIRMED = ngettext_lazy("%(n)d signature confirmed.", "%(n)d signatures confirmed.", "n")
REJECTED = ngettext_lazy("%(n)d signature rejected.", "%(n)d signatures rejected.", "n")
RESTORED = ngettext_lazy("%(n)d signature restored.", "%(n)d signatures restored.", "n")


class ModerationReportMixin:
    def report(self, request, rows, message):
        moderation.forget_cached_figures(rows.values_list("petition_id", flat=True).distinct())
        self.message_user(request, message)

    def change_state(self, request, queryset, rows, change, message):
        """Apply a campaign.petitions.signing function to `rows` of the selection, and say
        how many it changed."""
        n = len(moderation.change_each(rows, change)[0])
        self.report(request, queryset, message % {"n": n})


class CommentActionsMixin(ModerationReportMixin):
    @admin.action(description=_("Approve the comments"), permissions=["change"])
    @confirm_first(affected=comments_to_approve)
    def approve_comments(self, request, queryset):
        n = len(moderation.set_comment_state(queryset, Comment.APPROVED))
        text = ngettext("%(n)d comment approved.", "%(n)d comments approved.", n)
        self.report(request, queryset, text % {"n": n})

    @admin.action(description=_("Reject the comments"), permissions=["change"])
    @confirm_first(affected=comments_to_reject)
    def reject_comments(self, request, queryset):
        n = len(moderation.set_comment_state(queryset, Comment.REJECTED))
        text = ngettext("%(n)d comment rejected.", "%(n)d comments rejected.", n)
        self.report(request, queryset, text % {"n": n})


class SignatureActionsMixin(CommentActionsMixin):
    @admin.action(description=_("Confirm by hand"), permissions=["change"])
    @confirm_first(affected=pending)
    def confirm_by_hand(self, request, queryset):
        self.change_state(request, queryset, pending(queryset), signing.confirm, CONFIRMED)

    @admin.action(description=_("Reject as spam (no longer counted)"), permissions=["change"])
    @confirm_first(affected=not_rejected)
    def reject_as_spam(self, request, queryset):
        self.change_state(request, queryset, not_rejected(queryset), signing.reject, REJECTED)

    @admin.action(description=_("Restore rejected signatures"), permissions=["change"])
    @confirm_first(affected=rejected)
    def restore(self, request, queryset):
        self.change_state(request, queryset, rejected(queryset), signing.restore, RESTORED)

    @admin.action(description=_("Resend the confirmation e-mail"), permissions=["change"])
    @confirm_first(affected=awaiting_email)
    def resend_confirmation(self, request, queryset):
        ids = list(awaiting_email(queryset).values_list("pk", flat=True))
        for pk in ids:
            send_signature_email.enqueue(pk)
        text = ngettext(
            "%(n)d e-mail queued (a signer gets at most one a minute).",
            "%(n)d e-mails queued (a signer gets at most one a minute).",
            len(ids),
        )
        self.message_user(request, text % {"n": len(ids)})

    @admin.action(description=_("Review everything from the same client"), permissions=["change"])
    def review_client(self, request, queryset):
        """Opens the invalidation tool on the selected signatures' client, which counts the
        matches and asks before anything changes."""
        digests = list(
            queryset.exclude(ip_digest="")
            .order_by()
            .values_list("ip_digest", flat=True)
            .distinct()[:2]
        )
        if len(digests) != 1:
            self.message_user(request, _("Select signatures from one client."), messages.WARNING)
            return None
        url = reverse("admin:campaign_signature_invalidate")
        return HttpResponseRedirect(f"{url}?{urlencode({'ip_digest': digests[0]})}")
