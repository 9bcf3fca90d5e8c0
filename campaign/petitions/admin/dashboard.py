"""The campaign dashboard in the admin, and its charts as separate SVG images."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from campaign.lib.moderation import ACTIVITIES
from campaign.lib.querystring import positive_int
from campaign.petitions import charts, dashboard
from campaign.petitions.countries import country_name
from campaign.petitions.models import Petition, Signature

# Series order, which sets their colours: counted (green), waiting (amber), rejected (red).
SIGNATURE_ORDER = [Signature.State.CONFIRMED, Signature.State.PENDING, Signature.State.REJECTED]


def chosen(request):
    """(days, petition or None) from the query string."""
    days = dashboard.period_days(request.GET.get("days"))
    petition = None
    if pk := positive_int(request.GET.get("petition")):
        petition = Petition.objects.filter(pk=pk).first()
    return days, petition


class DashboardViews:
    """Views added to the signature admin: they need the right to see signatures."""

    def dashboard_urls(self):
        view = self.admin_site.admin_view
        return [
            path("dashboard/", view(self.dashboard_view), name="campaign_dashboard"),
            path(
                "dashboard/<slug:chart>.svg",
                view(self.dashboard_chart),
                name="campaign_dashboard_chart",
            ),
        ]

    def check_dashboard_permission(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def dashboard_view(self, request):
        self.check_dashboard_permission(request)
        days, petition = chosen(request)
        query = {"days": days, **({"petition": petition.pk} if petition else {})}
        signatures = dashboard.signature_figures(days, petition)
        candle_activity = ACTIVITIES["candles"]
        candles = dashboard.activity_figures(candle_activity, days)
        queue_rows = dashboard.queues()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Campaign dashboard"),
            "opts": self.model._meta,
            "days": days,
            "periods": dashboard.PERIODS,
            "petition": petition,
            "petitions": Petition.objects.order_by("-opens_at").only("pk", "title"),
            "query": urlencode(query),
            "signatures": signatures,
            "signature_states": [
                (value, label, signatures["totals"][value])
                for value, label in Signature.State.choices
            ],
            "countries": [
                (code, country_name(code), total) for code, total in signatures["countries"]
            ],
            "candles": candles,
            "candle_states": [
                (value, label, candles["totals"][value])
                for value, label in candle_activity.states.choices
            ],
            "queues": {queue.key: count for queue, count in queue_rows},
            "queue_rows": queue_rows,
        }
        return TemplateResponse(request, "admin/campaign/dashboard.html", context)

    def dashboard_chart(self, request, chart):
        self.check_dashboard_permission(request)
        days, petition = chosen(request)
        if chart == "signatures":
            figures = dashboard.signature_figures(days, petition)
            svg = charts.per_day_chart(
                _("Signatures per day"),
                figures["dates"],
                figures["series"],
                [(state, state.label) for state in SIGNATURE_ORDER],
            )
        elif chart == "countries":
            figures = dashboard.signature_figures(days, petition)
            svg = charts.country_chart(
                _("Confirmed signatures by country"), figures["countries"], country_name
            )
        elif chart == "candles":
            activity = ACTIVITIES["candles"]
            figures = dashboard.activity_figures(activity, days)
            svg = charts.per_day_chart(
                _("Candles per day"),
                figures["dates"],
                figures["series"],
                [(state, state.label) for state in activity.order],
            )
        else:
            raise Http404
        return HttpResponse(svg, content_type="image/svg+xml")
