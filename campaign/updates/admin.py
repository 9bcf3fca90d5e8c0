"""Updates to signers in the admin, for campaign leads.

Write the update (a subject and a text in each language), save it, preview it as each
signer will get it, send a test copy to yourself, then see the number of recipients and
confirm. Once sending has started the update can no longer be changed, and its page shows the
progress.

Writing to a petition's signers takes the right to change petitions, which campaign leads
hold and moderators do not (campaign.petitions' roles migration): moderators neither see nor
send updates, and the roles' groups stay as that migration made them.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from campaign.updates import emails, sending, tasks
from campaign.updates.models import Delivery, Update

LEAD_PERMISSION = "campaign.change_petition"


def is_lead(request):
    return request.user.has_perm(LEAD_PERMISSION)


@admin.register(Update)
class UpdateAdmin(TranslationAdmin):
    list_display = ["subject", "petition", "state", "recipients_at_start", "sent", "created_at"]
    list_filter = ["state"]
    list_select_related = ["petition"]
    date_hierarchy = "created_at"
    fields = ["petition", "subject", "body"]
    readonly_fields = [
        "state",
        "progress",
        "created_by",
        "sent_by",
        "started_at",
        "finished_at",
        "recipients_at_start",
    ]

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), *(self.readonly_fields if obj else [])]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Every signer gets the update in their own language: no language may be left out.
        for name, field in form.base_fields.items():
            if name.startswith(("subject_", "body_")):
                field.required = True
        return form

    def get_queryset(self, request):
        # The list's "sent" column in the same query, whatever the number of updates.
        sent = Count("deliveries", filter=Q(deliveries__state=Delivery.State.SENT))
        return super().get_queryset(request).annotate(sent_count=sent)

    @admin.display(description=gettext_lazy("sent"), ordering="sent_count")
    def sent(self, update):
        return update.sent_count

    def has_module_permission(self, request):
        return is_lead(request)

    def has_view_permission(self, request, obj=None):
        return is_lead(request)

    def has_add_permission(self, request):
        return is_lead(request)

    def has_change_permission(self, request, obj=None):
        # What has been sent (or is being sent) stays as it went out.
        return is_lead(request) and (obj is None or obj.state == Update.State.DRAFT)

    def has_delete_permission(self, request, obj=None):
        return is_lead(request) and (obj is None or obj.state == Update.State.DRAFT)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, update):
        figures = sending.progress(update)
        return _(
            "%(sent)d sent, %(failed)d failed, %(uncertain)d uncertain, %(waiting)d waiting "
            "(of %(total)d)"
        ) % {**vars(figures), "total": figures.total}

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="updates_update_preview"),
            path(
                "<int:pk>/test-copy/",
                view(require_POST(self.test_copy_view)),
                name="updates_update_test_copy",
            ),
            path("<int:pk>/send/", view(self.send_view), name="updates_update_send"),
            *super().get_urls(),
        ]

    def sendable(self, request, pk):
        """The update, for a campaign lead; 403 for anyone else."""
        if not is_lead(request):
            raise PermissionDenied
        return get_object_or_404(Update.objects.select_related("petition"), pk=pk)

    def page(self, request, update, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "original": update,
            **context,
        }
        return TemplateResponse(request, f"admin/updates/update/{template}", context)

    def preview_view(self, request, pk):
        update = self.sendable(request, pk)
        versions = [
            {"code": code, "name": name, **emails.render(update, code)}
            for code, name in settings.LANGUAGES
        ]
        return self.page(request, update, "preview.html", _("Preview"), versions=versions)

    def test_copy_view(self, request, pk):
        update = self.sendable(request, pk)
        if not request.user.email:
            self.message_user(
                request,
                _("Your account has no e-mail address: add one to receive a test copy."),
                messages.WARNING,
            )
        else:
            languages = sending.send_test_copies(update, request.user.email)
            self.message_user(
                request,
                _("A test copy in each language (%(count)d) was sent to your own address.")
                % {"count": len(languages)},
            )
        return redirect("admin:updates_update_preview", pk=update.pk)

    def send_view(self, request, pk):
        update = self.sendable(request, pk)
        if update.state != Update.State.DRAFT:
            return redirect("admin:updates_update_change", update.pk)
        if request.method == "POST":
            count = tasks.start_sending(update, request.user)
            if count is None:
                self.message_user(request, _("This update is already being sent."))
            else:
                self.message_user(
                    request, _("Sending to %(count)d recipients has started.") % {"count": count}
                )
            return redirect("admin:updates_update_change", update.pk)
        by_language = (
            sending.recipients(update.petition)
            .values("language")
            .annotate(count=Count("pk"))
            .order_by("language")
        )
        return self.page(
            request,
            update,
            "send.html",
            _("Send the update"),
            recipients=sending.recipients(update.petition).count(),
            by_language=by_language,
        )
