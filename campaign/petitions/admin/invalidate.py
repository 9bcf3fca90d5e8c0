"""Invalidate all matching: reject every signature from one client, domain, address or time
window, after the UK petitions site's bulk invalidation.

It always counts first. The confirming POST carries the count the moderator saw and a
fingerprint of the criteria counted; when either no longer matches, nothing is changed and
the new count is shown instead.
"""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from campaign.petitions import fraud, moderation
from campaign.petitions.admin.lookup import digest_of
from campaign.petitions.models import Petition, Signature

State = Signature.State
STATES = {
    "both": (State.PENDING, State.CONFIRMED),
    "confirmed": (State.CONFIRMED,),
    "pending": (State.PENDING,),
}
CRITERIA = ["petition", "ip_digest", "email_domain", "email_digest", "created_from", "created_to"]


class WindowInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class InvalidateForm(forms.Form):
    petition = forms.ModelChoiceField(
        Petition.objects.all(), required=False, label=gettext_lazy("petition")
    )
    ip_digest = forms.CharField(
        required=False,
        max_length=64,
        label=gettext_lazy("client"),
        widget=forms.TextInput(attrs={"size": 66}),
    )
    email_domain = forms.CharField(
        required=False, max_length=253, label=gettext_lazy("e-mail domain")
    )
    email = forms.CharField(
        required=False,
        max_length=254,
        label=gettext_lazy("exact e-mail address"),
        help_text=gettext_lazy("Looked up through its digest; it is not shown again or kept."),
    )
    email_digest = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    created_from = forms.DateTimeField(
        required=False, label=gettext_lazy("signed from"), widget=WindowInput()
    )
    created_to = forms.DateTimeField(
        required=False, label=gettext_lazy("signed before"), widget=WindowInput()
    )
    states = forms.ChoiceField(
        choices=[
            ("both", gettext_lazy("confirmed or awaiting confirmation")),
            ("confirmed", gettext_lazy("confirmed only")),
            ("pending", gettext_lazy("awaiting confirmation only")),
        ],
        initial="both",
        required=False,
        label=gettext_lazy("signatures"),
    )
    expected = forms.IntegerField(required=False, widget=forms.HiddenInput)
    fingerprint = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if address := data.get("email", "").strip():
            digest = digest_of(address)
            if digest is None:
                self.add_error("email", _("That is not an e-mail address."))
            data["email_digest"] = digest or ""
        data["email"] = ""
        data["email_domain"] = data.get("email_domain", "").strip().lower()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start >= end:
            raise forms.ValidationError(_("The window must end after it starts."), code="window")
        narrow = any(data.get(key) for key in ("ip_digest", "email_domain", "email_digest"))
        if not narrow and not (start and end):
            raise forms.ValidationError(
                _("Give a client, a domain, an address, or a window with a start and an end."),
                code="too_broad",
            )
        return data

    def criteria(self):
        criteria = {key: self.cleaned_data.get(key) for key in CRITERIA}
        criteria["states"] = STATES[self.cleaned_data.get("states") or "both"]
        return criteria


def fingerprint_of(criteria):
    described = repr(sorted((key, str(value)) for key, value in criteria.items()))
    return hashlib.sha256(described.encode()).hexdigest()[:32]


def describe(criteria):
    parts = [
        f"{key}={value.pk if key == 'petition' else value}"
        for key, value in criteria.items()
        if value and key != "states"
    ]
    return _("Invalidated as spam, all matching: %(criteria)s") % {"criteria": ", ".join(parts)}


def invalidate_view(model_admin):
    def view(request):
        if not model_admin.has_change_permission(request):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else (request.GET or None)
        form = InvalidateForm(data)
        by_state, count = {}, None
        if form.is_bound and form.is_valid():
            criteria = form.criteria()
            rows = fraud.matching(**criteria)
            by_state = dict(rows.values_list("state").annotate(n=Count("pk")).order_by())
            count = sum(by_state.values())
            fingerprint = fingerprint_of(criteria)
            if request.POST.get("stage") == "invalidate":
                seen = form.cleaned_data["expected"], form.cleaned_data["fingerprint"]
                if count and seen == (count, fingerprint):
                    rejected, petitions = fraud.invalidate(rows, request.user, describe(criteria))
                    moderation.forget_cached_figures(petitions)
                    text = ngettext(
                        "%(n)d signature rejected.", "%(n)d signatures rejected.", len(rejected)
                    )
                    messages.success(request, text % {"n": len(rejected)})
                    return redirect("admin:campaign_signature_changelist")
                messages.warning(
                    request, _("The matching signatures changed since they were counted.")
                )
            form = InvalidateForm(
                initial={**form.cleaned_data, "expected": count, "fingerprint": fingerprint}
            )
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Invalidate all matching signatures"),
            "opts": model_admin.model._meta,
            "form": form,
            "count": count,
            "by_state": [(State(value).label, by_state.get(value, 0)) for value in STATES["both"]],
        }
        return TemplateResponse(request, "admin/campaign/signature/invalidate.html", context)

    return view
