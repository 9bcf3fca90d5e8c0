"""The comment queue: comments that could be published (confirmed, named signers), newest
first; by default those waiting for a moderator."""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from campaign.petitions.admin.actions import CommentActionsMixin
from campaign.petitions.admin.filters import CommentQueueFilter
from campaign.petitions.admin.paging import CappedCountMixin
from campaign.petitions.admin.signatures import ReadOnlySignatureMixin
from campaign.petitions.models import SignatureComment


@admin.register(SignatureComment)
class SignatureCommentAdmin(
    CommentActionsMixin, ReadOnlySignatureMixin, CappedCountMixin, admin.ModelAdmin
):
    list_display = ["excerpt", "name", "petition", "comment_state", "state", "created_at"]
    list_filter = [CommentQueueFilter, "petition"]
    list_select_related = ["petition"]
    search_fields = ["name", "comment"]
    # Served by the partial index campaign_sig_comment_queue for the default (waiting) view.
    ordering = ["-created_at"]
    actions = ["approve_comments", "reject_comments"]

    def get_queryset(self, request):
        return super().get_queryset(request).publishable_comments()

    @admin.display(description=_("comment"))
    def excerpt(self, signature):
        return Truncator(signature.comment).chars(120)
