"""Paper signature batches in the admin, for campaign leads: recorded, corrected with a
reason (each correction listed under the batch), never deleted.

A batch is part of a petition's record, so it takes the right to change petitions, which
campaign leads hold and moderators do not (campaign.petitions' roles migration); the roles'
groups stay as that migration made them.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from campaign.delivery import paper
from campaign.delivery.forms import PaperBatchForm
from campaign.delivery.models import PaperBatch, PaperBatchCorrection

LEAD_PERMISSION = "campaign.change_petition"


def is_lead(request):
    return request.user.has_perm(LEAD_PERMISSION)


class CorrectionInline(admin.TabularInline):
    model = PaperBatchCorrection
    fields = ["corrected_at", "username", "changed", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return is_lead(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("changes"))
    def changed(self, correction):
        changes = correction.changes.items()
        return "; ".join(f"{field}: {old} → {new}" for field, (old, new) in changes)


@admin.register(PaperBatch)
class PaperBatchAdmin(admin.ModelAdmin):
    form = PaperBatchForm
    list_display = [
        "place",
        "petition",
        "count",
        "collected_from",
        "collected_until",
        "corrections",
    ]
    list_filter = ["petition"]
    list_select_related = ["petition"]
    search_fields = ["place", "scans"]
    date_hierarchy = "collected_from"
    readonly_fields = ["recorded_by", "recorded_at"]
    inlines = [CorrectionInline]

    def get_fields(self, request, obj=None):
        fields = [*paper.FIELDS, *self.readonly_fields]
        return [*fields, "reason"] if obj else fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(correction_count=Count("corrections"))

    @admin.display(description=_("corrections"), ordering="correction_count")
    def corrections(self, batch):
        return batch.correction_count

    def has_module_permission(self, request):
        return is_lead(request)

    def has_view_permission(self, request, obj=None):
        return is_lead(request)

    def has_add_permission(self, request):
        return is_lead(request)

    def has_change_permission(self, request, obj=None):
        return is_lead(request)

    def has_delete_permission(self, request, obj=None):
        # A batch is never removed: one recorded by mistake is corrected to 0, with a reason.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            paper.correct(obj, request.user, form.cleaned_data["reason"].strip())
        else:
            paper.record(obj, request.user)
