"""Petitions in the admin, for campaign leads, and the export of their signatures.

The export is a page that says what will be exported and that it is logged, and a POST that
streams the CSV: only holders of `campaign.export_signatures` (Campaign leads) reach either;
everyone else gets 403.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from campaign.lib.audit import log_bulk
from campaign.lib.translation_review_admin import REVIEW_ACTIONS, TranslationReviewAdminMixin
from campaign.petitions import export, moderation
from campaign.petitions.models import Petition

EXPORT_PERMISSION = "campaign.export_signatures"


@admin.register(Petition)
class PetitionAdmin(TranslationReviewAdminMixin, TranslationAdmin):
    list_display = ["title", "state", "opens_at", "closes_at", "goal", "signatures"]
    list_filter = ["state"]
    search_fields = ["slug", "title_en", "title_ru", "title_kk"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["anonymised_at", "created_at", "updated_at"]
    actions = ["export_signatures", *REVIEW_ACTIONS]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A closed or edited petition shows (and stops taking signatures) at once.
        moderation.forget_cached_figures([obj.pk])

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=gettext_lazy("confirmed signatures"), ordering="confirmed_total")
    def signatures(self, petition):
        return petition.confirmed_total

    def has_export_permission(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/export/", view(self.export_view), name="campaign_petition_export"),
            *super().get_urls(),
        ]

    @admin.action(
        description=gettext_lazy("Export the confirmed signatures (CSV)"),
        permissions=["export"],
    )
    def export_signatures(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one petition to export."), messages.WARNING)
            return None
        return redirect("admin:campaign_petition_export", pk=queryset.get().pk)

    def export_view(self, request, pk):
        if not self.has_export_permission(request):
            raise PermissionDenied
        petition = get_object_or_404(Petition, pk=pk)
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Export signatures"),
                "opts": self.model._meta,
                "original": petition,
                "rows": petition.exact_count(),
            }
            return TemplateResponse(request, "admin/campaign/petition/export.html", context)
        log = export.start(petition, request.user)
        log_bulk(
            request.user,
            [petition],
            CHANGE,
            _("Exported the confirmed signatures (export %(id)d)") % {"id": log.pk},
        )
        response = StreamingHttpResponse(
            export.stream_csv(petition, log), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="{petition.slug}-signatures-{stamp}.csv"'
        )
        return response
