from django.contrib import admin

from campaign.ops import views
from campaign.ops.models import JobRun

# The ops page takes the app's index URL, so that the admin index's "Operations" heading (a
# superuser's only: JobRunAdmin shows the app to no one else) leads to it.
admin.site.register_page("ops/", views.ops_page, name="ops")


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """The runs' history, read-only: `manage.py run_job` writes it."""

    list_display = ["job", "started_at", "finished_at", "outcome", "message"]
    list_filter = ["outcome", "job"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
