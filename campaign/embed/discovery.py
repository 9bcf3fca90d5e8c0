"""oEmbed discovery for the memorial, person and petition pages, without touching their views.

The middleware finds out which page is being served (in `process_view`, once the URL is
resolved) and leaves the discovery links on the request: `templates/base.html` includes
`embed/discovery_links.html`, which writes them as `<link>` tags early in `<head>`, and the
middleware repeats them in an HTTP `Link` header.

It also keeps the embed and oEmbed responses cacheable by any proxy: their language comes
from the URL, so the `Vary: Accept-Language` that LocaleMiddleware adds (and a `Vary: Cookie`,
should anything touch the session) would only split the cache. It sits before
LocaleMiddleware and SessionMiddleware in MIDDLEWARE to see the response after them.
"""

from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext

DISCOVERABLE = {"memorial:home", "memorial:person_detail", "campaign:petition_detail"}
FORMATS = (("json", "application/json+oembed"), ("xml", "text/xml+oembed"))
VISITOR_HEADERS = {"accept-language", "cookie"}


def discovery_links(request):
    return _links(settings.SITE_URL, request.path, get_language())


# The same few pages are served over and over: reversing and encoding their links each time
# cost 2-3 % of the petition page (docs/BENCHMARKS.md). Only paths of pages in DISCOVERABLE
# reach it, and it holds at most 1,024, so odd paths cannot grow it without end. `language` is
# part of the key because the title is translated.
@lru_cache(maxsize=1024)
def _links(site_url, path, language):
    page = site_url + path
    endpoint = site_url + reverse("oembed")
    title = gettext("Embed this page (oEmbed)")
    return tuple(
        {
            "type": mime,
            "href": f"{endpoint}?{urlencode({'url': page, 'format': fmt})}",
            "title": title,
        }
        for fmt, mime in FORMATS
    )


def link_header(links):
    """The same links as an HTTP header; without the title, which may not be Latin-1."""
    return ", ".join(f'<{link["href"]}>; rel="alternate"; type="{link["type"]}"' for link in links)


def drop_visitor_vary(response):
    if not response.has_header("Vary"):
        return
    kept = [
        field
        for field in (part.strip() for part in response["Vary"].split(","))
        if field and field.lower() not in VISITOR_HEADERS
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class EmbedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "embed_public", False):
            drop_visitor_vary(response)
        links = getattr(request, "oembed_links", None)
        if links and response.status_code == 200:
            response.headers["Link"] = link_header(links)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method in ("GET", "HEAD") and match and match.view_name in DISCOVERABLE:
            request.oembed_links = discovery_links(request)

    def process_exception(self, request, exception):
        # The error page is no page to embed.
        request.oembed_links = []
