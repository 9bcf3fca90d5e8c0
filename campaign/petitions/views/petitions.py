import gzip
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from campaign.lib.digests import client_digest
from campaign.lib.ratelimit import client_allowed, too_many_requests
from campaign.lib.sharedpages import personalised, render_shared
from campaign.petitions import caching, inbox, signing, stats
from campaign.petitions.countries import country_name
from campaign.petitions.forms import SignatureForm
from campaign.petitions.models import Petition
from campaign.petitions.signing import Outcome
from campaign.petitions.tasks import redirect_then_email, send_signature_email, sent_by_a_worker
from campaign.petitions.worldmap import render_world_map

TEMPLATE = "campaign/petition_detail.html"


def public_petition(slug):
    return get_object_or_404(Petition.objects.public(), slug=slug)


def signable_petition(slug):
    """The petition a POST signs, read from the cache on the hot path. A petition closed in
    the admin may take CAMPAIGN_COUNT_CACHE_SECONDS to stop accepting signatures."""
    key = caching.petition_key(slug)
    petition = cache.get(key)
    if petition is None:
        petition = public_petition(slug)
        cache.set(key, petition, settings.CAMPAIGN_COUNT_CACHE_SECONDS)
    return petition


@require_safe
def petition_list(request):
    """One open petition: go straight to it. Otherwise list them, open ones first."""
    petitions = list(Petition.objects.public().with_counts())
    open_petitions = [petition for petition in petitions if petition.is_open()]
    if len(open_petitions) == 1:
        return redirect(open_petitions[0])
    return render(
        request,
        "campaign/petition_list.html",
        {"open_petitions": open_petitions, "petitions": petitions},
    )


def page_context(petition, form):
    petition_stats = stats.petition_stats(petition)
    return {
        "petition": petition,
        "form": form,
        "stats": petition_stats,
        "count": petition_stats["total"],
        "countries": [
            (code, country_name(code), count) for code, count in petition_stats["countries"]
        ],
        "is_open": petition.is_open(),
        "settings": {
            "purge_days": settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS,
            "anonymise_days": settings.CAMPAIGN_ANONYMISE_AFTER_DAYS,
        },
    }


def petition_page(request, slug):
    """The page with an empty form. For anonymous visitors it is rendered once per language
    for as long as its figures are cached; each visitor gets their own CSRF token in it."""
    # The stored page is shared by everyone, so nothing a visitor sends may shape it: a query
    # string would end up in its language links.
    shared = not (request.user.is_authenticated or "messages" in request.COOKIES or request.GET)
    key = caching.page_key(slug, get_language())
    if shared and (page := cache.get(key)) is not None:
        return personalised(request, page)
    petition = public_petition(slug)
    context = page_context(petition, SignatureForm(action=petition.get_absolute_url()))
    if not shared:
        return render(request, TEMPLATE, context)
    page = render_shared(request, TEMPLATE, context)
    cache.set(key, page, settings.CAMPAIGN_COUNT_CACHE_SECONDS)
    return personalised(request, page)


def too_many_signatures(request):
    return too_many_requests(request, template_name="campaign/too_many_signatures.html")


@require_http_methods(["GET", "HEAD", "POST"])
def petition_detail(request, slug):
    """GET: the petition and its form. POST: sign, then the same redirect whoever you are."""
    if request.method != "POST":
        return petition_page(request, slug)
    petition = signable_petition(slug)
    form = SignatureForm(request.POST, action=petition.get_absolute_url())
    submission = signing.submit(petition, form, client_digest(request))
    if submission.outcome == Outcome.CLOSED:
        return render(request, TEMPLATE, page_context(petition, None), status=409)
    if submission.outcome == Outcome.LIMITED:
        return too_many_signatures(request)
    if submission.outcome == Outcome.INVALID:
        return render(request, TEMPLATE, page_context(petition, form))
    inbox_url = reverse("campaign:check_inbox", kwargs={"slug": petition.slug})
    response = submission.redirect(inbox_url)
    return inbox.remember(response, petition, form.cleaned_data["email"], submission.signature)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check_inbox(request, slug):
    """Where the e-mail went (masked), with a button to send it again; the same page whether
    the address was new or had signed. Private: it is never stored by any cache."""
    petition = public_petition(slug)
    sent_to = inbox.recall(request, petition)
    if request.method == "POST":
        return send_again(request, petition, sent_to)
    return render(
        request,
        "campaign/check_inbox.html",
        {
            "petition": petition,
            "confirm_days": settings.CAMPAIGN_CONFIRM_LINK_DAYS,
            "sent_to": sent_to,
            "sent_again": "again" in request.GET,
        },
    )


def send_again(request, petition, sent_to):
    """The same task, under the same limits as signing: per client here, per signature in the
    task (one a minute, a few a day)."""
    if not client_allowed(request, "sign"):
        return too_many_signatures(request)
    url = reverse("campaign:check_inbox", kwargs={"slug": petition.slug}) + "?again=1"
    signature_id = sent_to.signature_id() if sent_to else None
    if signature_id is None:
        return HttpResponseRedirect(url)
    if sent_by_a_worker():
        send_signature_email.enqueue(signature_id)
    return redirect_then_email(url, signature_id)


def public_cache(response, max_age):
    """Cacheable by browsers and shared caches, served stale while refreshing or on errors."""
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        stale_while_revalidate=2 * max_age,
        stale_if_error=5 * max_age,
    )
    return response


@require_safe
def count_json(request, slug):
    """The count for partners' sites and scripts; the same for everyone, so cacheable."""
    key = caching.count_json_key(slug, get_language())
    body = cache.get(key)
    if body is None:
        petition = public_petition(slug)
        data = {
            "petition": petition.slug,
            "title": petition.title,
            "count": petition.confirmed_count,
            "goal": petition.goal,
            "open": petition.is_open(),
            "url": settings.SITE_URL + petition.get_absolute_url(),
        }
        body = json.dumps(data, ensure_ascii=False)
        cache.set(key, body, settings.CAMPAIGN_COUNT_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return public_cache(response, settings.CAMPAIGN_COUNT_CACHE_SECONDS or 1)


@require_safe
def map_svg(request, slug):
    """The world map of signers by country, as an image (see campaign.petitions.worldmap)."""
    petition = public_petition(slug)
    key = caching.map_key(petition.slug, get_language())
    compressed = cache.get(key)
    if compressed is None:
        countries = stats.petition_stats(petition)["countries"]
        compressed = gzip.compress(render_world_map(countries), compresslevel=6)
        cache.set(key, compressed, caching.MAP_SECONDS)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, content_type="image/svg+xml")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed), content_type="image/svg+xml")
    patch_vary_headers(response, ["Accept-Encoding"])
    return public_cache(response, caching.MAP_SECONDS)


@require_safe
@cache_control(public=True, max_age=3600)
def privacy(request):
    return render(
        request,
        "campaign/privacy.html",
        {
            "purge_days": settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS,
            "confirm_days": settings.CAMPAIGN_CONFIRM_LINK_DAYS,
            "anonymise_days": settings.CAMPAIGN_ANONYMISE_AFTER_DAYS,
        },
    )
