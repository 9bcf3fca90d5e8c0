"""The embed pages (framed by partners' sites) and the partners' "Embed this memorial" page."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from campaign.embed import caching, snippets
from campaign.embed.content import memorial_content, open_petition
from campaign.embed.headers import embeddable
from campaign.embed.options import SECTIONS, THEMES, EmbedOptions
from campaign.petitions.models import Petition

# Proxies may keep an embed this long: the memorial changes rarely; a petition's count
# should look live, and it is itself cached for only a few seconds.
MEMORIAL_MAX_AGE = 300
PETITION_MAX_AGE = 60
NOT_FOUND_MAX_AGE = 60


def render_embed(template, options, context, status=200):
    """Rendered in the embed's own language, without the request: no context processor may
    touch the session, the CSRF token or the visitor's language."""
    with translation.override(options.lang):
        html = render_to_string(template, {**context, "options": options})
    response = HttpResponse(html, status=status)
    response["Content-Language"] = options.lang
    return response


@require_safe
@embeddable(max_age=MEMORIAL_MAX_AGE)
def memorial(request):
    """Stored once per set of options, under the same versions as the memorial's own pages:
    any change of content or a new candle renders it afresh."""
    options = EmbedOptions.from_query(request.GET)
    key = caching.memorial_key(options.query_string())
    html = cache.get(key)
    if html is None:
        with translation.override(options.lang):
            context = memorial_content(options)
        html = render_embed("embed/memorial.html", options, context).content
        cache.set(key, html, caching.MEMORIAL_TIMEOUT)
    response = HttpResponse(html)
    response["Content-Language"] = options.lang
    return response


@require_safe
@embeddable(max_age=PETITION_MAX_AGE)
def petition(request, slug):
    options = EmbedOptions.from_query(request.GET)
    found = Petition.objects.public().filter(slug=slug).first()
    if found is None:
        return render_embed("embed/not_found.html", options, {}, status=404)
    count = found.confirmed_count
    context = {
        "petition": found,
        "count": count,
        "percent": found.progress_percent(count),
        "bar_value": min(count, found.goal),
        "is_open": found.is_open(),
    }
    return render_embed("embed/petition.html", options, context)


@require_safe
def partner_page(request):
    """Options, live preview and the code to paste. Framed by nobody: it is a normal page."""
    options = EmbedOptions.from_query(request.GET)
    if "lang" not in request.GET:
        options = options.with_lang(translation.get_language())
    petition = open_petition()
    script_url = settings.SITE_URL + settings.STATIC_URL + "embed.js"
    memorial = snippets.memorial_snippet(options)
    context = {
        "options": options,
        "languages": [language_choice(code, name, petition) for code, name in settings.LANGUAGES],
        "themes": THEMES,
        "sections": SECTIONS,
        "memorial": memorial,
        "memorial_code": memorial.partner_code(script_url),
        "petition": petition,
        "wordpress_link": snippets.page_link_in(options.lang),
        "preview_src": reverse("embed:memorial") + "?" + options.query_string(),
    }
    if petition:
        context["petition_code"] = snippets.petition_snippet(petition, options).partner_code(
            script_url
        )
    return render(request, "embed/partner_page.html", context)


def language_choice(code, name, petition):
    """One language of the options, with what the page's script needs to switch to it."""
    return {
        "code": code,
        "name": name,
        "title": snippets.title_in(code, "memorial"),
        "petition_title": petition and snippets.title_in(code, "petition", petition),
        "link": snippets.page_link_in(code),
    }
