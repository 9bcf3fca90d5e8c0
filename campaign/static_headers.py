"""Headers of the static files WhiteNoise serves (settings.WHITENOISE_ADD_HEADERS_FUNCTION).

WhiteNoiseMiddleware answers before the middleware that gives Django's responses their
Content-Security-Policy, X-Frame-Options and Permissions-Policy, so a static file would go
without them: an SVG opened on its own is a document, and may be framed. WhiteNoise computes
these once per file, at start-up.

Every static file is same-origin, except the three a partner's page needs: `embed.js`, which
it loads itself, and the embed's stylesheet and script, which our framed page loads. The frame
is not our origin when the partner sandboxes it (WordPress does: its origin is then opaque),
and Chromium refuses a same-origin resource to it.
"""

from functools import cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.csp import CSP, build_policy

from campaign.middleware import CROSS_ORIGIN, PERMISSIONS_POLICY, SAME_ORIGIN

EMBED_ASSETS = ("embed.js", "css/embed.css", "js/embed-frame.js")


@cache
def embed_asset_urls():
    """Their hashed addresses, which our pages link, and the plain ones, which the code
    partners paste links (`/static/embed.js`)."""
    return {settings.STATIC_URL + name for name in EMBED_ASSETS} | {
        staticfiles_storage.url(name) for name in EMBED_ASSETS
    }


def add_headers(headers, path, url):
    headers[str(CSP.HEADER_ENFORCE)] = build_policy(settings.SECURE_CSP)
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    cross_origin = url in embed_asset_urls()
    headers["Cross-Origin-Resource-Policy"] = CROSS_ORIGIN if cross_origin else SAME_ORIGIN
