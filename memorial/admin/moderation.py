"""Moderation queues: candles and correction requests, newest first, with state actions.

Acting needs the plain permissions `memorial.moderate_tribute` and
`memorial.moderate_correctionrequest`; seeing the queues needs the view permissions.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaign.lib.confirm import confirm_first
from memorial.candles import invalidate_count, moderate
from memorial.models import CorrectionRequest, Tribute


class QueueAdmin(admin.ModelAdmin):
    """Visitors create these records; moderators only change their state."""

    moderate_permission = None

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm(self.moderate_permission)

    def report(self, request, count):
        message = ngettext("%(count)d record updated.", "%(count)d records updated.", count)
        self.message_user(request, message % {"count": count})


@admin.register(Tribute)
class TributeAdmin(QueueAdmin):
    moderate_permission = "memorial.moderate_tribute"
    list_display = ["created_at", "first_name", "message", "language", "state"]
    list_filter = ["state", "language"]
    search_fields = ["first_name", "message"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    readonly_fields = ["first_name", "message", "language", "state", "created_at", "moderated_at"]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve: show the message"), permissions=["moderate"])
    @confirm_first(affected=lambda rows: rows.exclude(state=Tribute.State.APPROVED))
    def approve(self, request, queryset):
        self.report(request, moderate(queryset, Tribute.State.APPROVED))

    @admin.action(description=_("Reject: hide and stop counting"), permissions=["moderate"])
    @confirm_first(affected=lambda rows: rows.exclude(state=Tribute.State.REJECTED))
    def reject(self, request, queryset):
        self.report(request, moderate(queryset, Tribute.State.REJECTED))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        invalidate_count()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        invalidate_count()


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(QueueAdmin):
    moderate_permission = "memorial.moderate_correctionrequest"
    list_display = ["created_at", "person", "action", "relation", "requester_name", "state"]
    list_filter = ["state", "action", "relation"]
    list_select_related = ["person"]
    search_fields = ["requester_name", "message", "person__name_en"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    # Moderators set the state and a note; everything else is the sender's.
    moderated_fields = ["state", "moderator_note"]
    readonly_fields = [
        "person",
        "requester_name",
        "contact",
        "relation",
        "action",
        "message",
        "language",
        "created_at",
        "handled_at",
    ]
    fields = moderated_fields + readonly_fields
    actions = ["mark_in_progress", "mark_done", "mark_declined"]

    def has_change_permission(self, request, obj=None):
        return self.has_moderate_permission(request)

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            obj.apply_state()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark as in progress"), permissions=["moderate"])
    @confirm_first(affected=lambda rows: rows.exclude(state=CorrectionRequest.State.IN_PROGRESS))
    def mark_in_progress(self, request, queryset):
        self.report(request, queryset.set_state(CorrectionRequest.State.IN_PROGRESS))

    @admin.action(description=_("Mark as done (forgets the contact)"), permissions=["moderate"])
    @confirm_first(affected=lambda rows: rows.exclude(state=CorrectionRequest.State.DONE))
    def mark_done(self, request, queryset):
        self.report(request, queryset.set_state(CorrectionRequest.State.DONE))

    @admin.action(description=_("Mark as declined (forgets the contact)"), permissions=["moderate"])
    @confirm_first(affected=lambda rows: rows.exclude(state=CorrectionRequest.State.DECLINED))
    def mark_declined(self, request, queryset):
        self.report(request, queryset.set_state(CorrectionRequest.State.DECLINED))
