"""Paper signature batches in the admin, for campaign leads: recorded, corrected with a
reason (each correction listed under the batch), never deleted.

A batch is part of a petition's record, so it takes the right to change petitions, which
campaign leads hold and moderators do not (campaign.petitions' roles migration); the roles'
groups stay as that migration made them.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaign.delivery import dossier, paper
from campaign.delivery.forms import DossierForm, PaperBatchForm
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

    def get_urls(self):
        view = self.admin_site.admin_view(self.dossier_view)
        return [path("dossier/", view, name="delivery_dossier"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_generate_dossier": request.user.has_perm(dossier.PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def dossier_view(self, request):
        """A form (petition, languages); its POST sends a ZIP of the dossier and its CSV."""
        if not request.user.has_perm(dossier.PERMISSION):
            raise PermissionDenied
        form = DossierForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            petition = form.cleaned_data["petition"]
            archive = dossier.zipped(petition, form.chosen_languages(), request.user)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            return FileResponse(
                archive,
                as_attachment=True,
                filename=f"{petition.slug}-dossier-{stamp}.zip",
                content_type="application/zip",
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Delivery dossier"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/delivery/dossier.html", context)

    def save_model(self, request, obj, form, change):
        if change:
            paper.correct(obj, request.user, form.cleaned_data["reason"].strip())
        else:
            paper.record(obj, request.user)
