"""The tally, read-only for every member of staff: entries are written by `record_tally` only,
and an edit here would break the chain that `verify_tally` checks."""

from django.contrib import admin

from campaign.tally.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["date", "slug", "count", "change", "hash"]
    list_filter = ["petition"]
    list_select_related = ["petition"]
    date_hierarchy = "date"
    search_fields = ["hash", "previous_hash"]
    fields = ["petition", "slug", "date", "count", "change", "previous_hash", "hash"]
    readonly_fields = fields

    # The figures are published on the site; any member of staff may read them here.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
