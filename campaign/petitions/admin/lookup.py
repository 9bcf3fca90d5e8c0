"""Finding a signature by its exact e-mail address, without the address ever being shown.

The address is normalised like at signing, turned into its keyed digest, and the change list
is filtered on `email_digest`. The "find by address" form posts the address, so it never sits
in a URL, a browser history or an access log; an address typed into the ordinary search box
is swapped for its digest by a redirect at once.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.lib.digests import email_digest
from campaign.petitions.fraud import every_petition
from campaign.petitions.normalise import InvalidEmail, normalise_email


def digest_of(address):
    """The digest a signature by `address` carries, or None when it is not an address."""
    try:
        return email_digest(normalise_email(address))
    except InvalidEmail:
        return None


class EmailForm(forms.Form):
    email = forms.CharField(max_length=254)


class EmailLookupMixin:
    def email_lookup_urls(self):
        return [
            path(
                "find-by-email/",
                self.admin_site.admin_view(require_POST(self.find_by_email)),
                name="campaign_signature_find_by_email",
            ),
        ]

    def changelist_url(self, **params):
        url = reverse("admin:campaign_signature_changelist")
        return f"{url}?{urlencode(params)}" if params else url

    def find_by_email(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = EmailForm(request.POST)
        digest = digest_of(form.cleaned_data["email"]) if form.is_valid() else None
        if digest is None:
            messages.error(request, _("That is not an e-mail address."))
            return HttpResponseRedirect(self.changelist_url())
        return HttpResponseRedirect(self.changelist_url(email_digest=digest))

    def changelist_view(self, request, extra_context=None):
        term = request.GET.get(SEARCH_VAR, "")
        if request.method == "GET" and "@" in term:
            params = request.GET.copy()
            del params[SEARCH_VAR]
            digest = digest_of(term)
            if digest is None:
                messages.error(request, _("That is not an e-mail address."))
            else:
                params["email_digest"] = digest
            return HttpResponseRedirect(f"{request.path}?{params.urlencode()}")
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if "email_digest" in request.GET:
            rows = rows.filter(petition__in=every_petition())
        return rows

    def get_search_results(self, request, queryset, search_term):
        if "@" in search_term:
            digest = digest_of(search_term)
            if digest is None:
                return queryset.none(), False
            return queryset.filter(petition__in=every_petition(), email_digest=digest), False
        return super().get_search_results(request, queryset, search_term)
