"""Signatures in the admin: review, fraud signals and moderation actions.

No one edits a signature by hand, adds one or deletes one here: state changes go through
campaign.petitions.signing (which keeps the count right), withdrawal belongs to the signer. The
e-mail address is never shown; an exact address can be looked up through its digest.
"""

from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaign.petitions import fraud
from campaign.petitions.admin.actions import SignatureActionsMixin
from campaign.petitions.admin.dashboard import DashboardViews
from campaign.petitions.admin.filters import CountryFilter, SuspiciousFilter
from campaign.petitions.admin.invalidate import invalidate_view
from campaign.petitions.admin.lookup import EmailLookupMixin
from campaign.petitions.admin.paging import CappedCountMixin
from campaign.petitions.models import Signature
from campaign.petitions.timebuckets import HOUR, hour_of

SHOWN_FIELDS = [
    "petition",
    "name",
    "show_name",
    "country",
    "city",
    "state",
    "created_at",
    "confirmed_at",
    "comment",
    "comment_state",
    "language",
    "wants_updates",
    "address_on_file",
    "email_domain",
    "client",
    "confirmation_sent_count",
    "last_sent_at",
]


class ReadOnlySignatureMixin:
    """Shown, never edited: every field read-only, nothing added or deleted here."""

    fields = SHOWN_FIELDS
    readonly_fields = SHOWN_FIELDS

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("e-mail address on file"), boolean=True)
    def address_on_file(self, signature):
        return signature.email is not None

    @admin.display(description=_("client"))
    def client(self, signature):
        return signature.ip_digest[:12]


@admin.register(Signature)
class SignatureAdmin(
    SignatureActionsMixin,
    EmailLookupMixin,
    DashboardViews,
    ReadOnlySignatureMixin,
    CappedCountMixin,
    admin.ModelAdmin,
):
    list_display = [
        "name",
        "petition",
        "country",
        "state",
        "comment_state",
        "created_at",
        "confirmed_at",
        "signals",
    ]
    list_filter = [
        SuspiciousFilter,
        "petition",
        "state",
        "comment_state",
        CountryFilter,
        "created_at",
        "confirmed_at",
        "show_name",
    ]
    list_select_related = ["petition"]
    search_fields = ["name"]
    search_help_text = _(
        "A name, or an exact e-mail address: it is looked up through its digest and never "
        "shown or kept."
    )
    date_hierarchy = "created_at"
    actions = [
        "confirm_by_hand",
        "reject_as_spam",
        "restore",
        "approve_comments",
        "reject_comments",
        "resend_confirmation",
        "review_client",
    ]

    def get_urls(self):
        urls = [
            path(
                "invalidate/",
                self.admin_site.admin_view(invalidate_view(self)),
                name="campaign_signature_invalidate",
            ),
        ]
        return urls + self.email_lookup_urls() + self.dashboard_urls() + super().get_urls()

    def get_ordering(self, request):
        """Newest first, along an index so that no page sorts the table: the primary key, or
        (state, created_at) when the list is filtered by state."""
        if "state__exact" in request.GET:
            return ["-created_at"]
        return ["-pk"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", {}).get("cl")
        if cl is not None:
            cl.result_list = fraud.annotate_page(list(cl.result_list))
        return response

    @admin.display(description=_("signals"))
    def signals(self, signature):
        shown = []
        hour = timezone.localtime(hour_of(signature.created_at))
        window = {
            "created_from": hour.strftime("%Y-%m-%dT%H:%M"),
            "created_to": (hour + HOUR).strftime("%Y-%m-%dT%H:%M"),
        }
        invalidate_url = reverse("admin:campaign_signature_invalidate")
        burst = getattr(signature, "client_burst", 0)
        if burst:
            query = urlencode({"ip_digest": signature.ip_digest, **window})
            label = ngettext(
                "%(n)d from this client that hour", "%(n)d from this client that hour", burst
            )
            shown.append((f"{invalidate_url}?{query}", label % {"n": burst}))
        burst = getattr(signature, "domain_burst", 0)
        if burst:
            query = urlencode({"email_domain": signature.email_domain, **window})
            label = ngettext(
                "%(n)d from %(domain)s that hour", "%(n)d from %(domain)s that hour", burst
            ) % {"n": burst, "domain": signature.email_domain}
            shown.append((f"{invalidate_url}?{query}", label))
        return format_html_join(" ", '<a class="suspicion" href="{}">⚑ {}</a>', shown)
