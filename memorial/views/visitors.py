"""What visitors send: candles and correction requests. POST only changes data."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaign.lib.querystring import positive_int
from campaign.lib.ratelimit import client_allowed, too_many_requests
from memorial.candles import candle_count, light_candle
from memorial.forms import CandleForm, CorrectionForm
from memorial.models import CorrectionRequest, Person, Tribute

CANDLES_PER_PAGE = 60


@require_http_methods(["GET", "HEAD", "POST"])
def candles(request):
    if request.method == "POST":
        form = CandleForm(request.POST)
        if not client_allowed(request, "candle"):
            return too_many_requests(request)
        if form.is_valid():
            # A bot that filled the hidden field sees the same thanks and lights nothing.
            if not form.is_bot:
                light_candle(
                    form.cleaned_data["first_name"], form.cleaned_data["message"], get_language()
                )
            messages.success(
                request,
                _(
                    "Thank you. Your candle is lit. "
                    "A message appears here once a moderator has read it."
                ),
            )
            return redirect(reverse("memorial:candles") + "#candle-count")
    else:
        form = CandleForm()
    tributes, older = approved_page(request.GET.get("before"))
    return render(
        request,
        "memorial/candles.html",
        {"form": form, "tributes": tributes, "older": older, "candle_count": candle_count()},
        status=400 if form.errors else 200,
    )


def approved_page(before):
    """Newest approved messages, paged by id (keyset), so no page ever needs a COUNT(*)."""
    tributes = Tribute.objects.approved()
    if before := positive_int(before):
        tributes = tributes.filter(pk__lt=before)
    page = list(tributes.order_by("-pk")[: CANDLES_PER_PAGE + 1])
    older = page[CANDLES_PER_PAGE - 1].pk if len(page) > CANDLES_PER_PAGE else None
    return page[:CANDLES_PER_PAGE], older


@require_http_methods(["GET", "HEAD", "POST"])
def correction(request):
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if not client_allowed(request, "correction"):
            return too_many_requests(request)
        if form.is_valid():
            if not form.is_bot:
                form.instance.language = get_language()
                form.save()
            return redirect("memorial:correction_thanks")
    else:
        slug = request.GET.get("person", "")
        person = Person.objects.public().filter(slug=slug).first() if slug else None
        # "If you know a name, tell us" links here with action=add.
        action = request.GET.get("action", "")
        initial = {"person": person}
        if action in CorrectionRequest.Action.values:
            initial["action"] = action
        form = CorrectionForm(initial=initial)
    return render(
        request, "memorial/correction.html", {"form": form}, status=400 if form.errors else 200
    )


def correction_thanks(request):
    return render(request, "memorial/correction_thanks.html")
