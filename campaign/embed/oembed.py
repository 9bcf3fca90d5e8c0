"""oEmbed 1.0 provider: which of our pages can be embedded, and the `rich` answer for each.

A consumer sends the address of a page it was given (memorial, person, petition, or an embed
address itself); we answer with the iframe of the matching embed. Anything else is a 404, as
the specification asks, and any format other than json or xml a 501.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path, gettext
from django.views.decorators.http import require_safe

from campaign.embed.headers import public_cache
from campaign.embed.options import EmbedOptions
from campaign.embed.snippets import memorial_snippet, petition_snippet
from campaign.lib.querystring import positive_int
from campaign.petitions.models import Petition
from memorial.models import Person

OEMBED_MAX_AGE = 3600
FORMATS = {"json", "xml"}

# Memorial pages and the section of the embed that stands for each.
MEMORIAL_PAGES = {
    "memorial:home": "all",
    "memorial:people": "people",
    "memorial:person_detail": "people",
    "memorial:figures": "figures",
    "memorial:timeline": "timeline",
}
PETITION_PAGES = {"campaign:petition_detail", "embed:petition"}


def resolve_ours(url):
    """(view name, slug, language prefix or None, query) of an address on our site, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    if parts.netloc.lower() != urlsplit(settings.SITE_URL).netloc.lower():
        return None
    lang = get_language_from_path(parts.path)
    # i18n_patterns resolve only under the active language's prefix.
    with translation.override(lang or settings.LANGUAGE_CODE):
        try:
            match = resolve(parts.path or "/")
        except Resolver404:
            return None
    return match.view_name, match.kwargs.get("slug"), lang, QueryDict(parts.query)


def snippet_for(url):
    """The embed that stands for one of our pages, or None when the address is not one."""
    found = resolve_ours(url)
    if found is None:
        return None
    name, slug, lang, query = found
    if name.startswith("embed:"):
        options = EmbedOptions.from_query(query)
    elif lang and (name in MEMORIAL_PAGES or name in PETITION_PAGES):
        options = EmbedOptions(lang=lang, section=MEMORIAL_PAGES.get(name, "all"))
    else:
        return None
    if name in PETITION_PAGES:
        petition = Petition.objects.public().filter(slug=slug).first()
        return petition and petition_snippet(petition, options)
    if name == "embed:memorial":
        return memorial_snippet(options)
    if name == "memorial:person_detail" and not Person.objects.public().filter(slug=slug).exists():
        return None
    return memorial_snippet(options, link=settings.SITE_URL + urlsplit(url).path)


def oembed_data(snippet):
    with translation.override(snippet.lang):
        provider = gettext("Zhanaozen 2011")
    return {
        "version": "1.0",
        "type": "rich",
        "title": snippet.title,
        "provider_name": provider,
        "provider_url": settings.SITE_URL + "/",
        "cache_age": OEMBED_MAX_AGE,
        "html": snippet.oembed_html(),
        "width": snippet.width,
        "height": snippet.height,
    }


def xml_body(data):
    root = ET.Element("oembed")
    for key, value in data.items():
        ET.SubElement(root, key).text = str(value)
    declaration = '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
    return declaration + ET.tostring(root, encoding="unicode")


def plain(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@require_safe
def oembed(request):
    response_format = request.GET.get("format", "json")
    if response_format not in FORMATS:
        return plain("Only json and xml are supported.", status=501)
    url = request.GET.get("url", "").strip()
    if not url:
        return plain("The url parameter is missing.", status=400)
    snippet = snippet_for(url)
    if snippet is None:
        return plain("Not one of our pages.", status=404)
    snippet = snippet.fitted(
        positive_int(request.GET.get("maxwidth")), positive_int(request.GET.get("maxheight"))
    )
    data = oembed_data(snippet)
    if response_format == "xml":
        response = HttpResponse(xml_body(data), content_type="text/xml; charset=utf-8")
    else:
        response = JsonResponse(data)
    response["Content-Language"] = snippet.lang
    # Consumers running in a browser may read it too: it is public and carries no cookie.
    response["Access-Control-Allow-Origin"] = "*"
    return public_cache(response, OEMBED_MAX_AGE)
