"""The record of every export of signatures: read-only, for campaign leads and superusers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from campaign.petitions.models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ["started_at", "username", "petition_title", "rows", "finished"]
    list_filter = ["petition"]
    date_hierarchy = "started_at"
    fields = ["started_at", "finished_at", "username", "user", "petition_title", "petition", "rows"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("finished"), boolean=True)
    def finished(self, log):
        return log.completed
