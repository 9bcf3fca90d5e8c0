"""Whole-page caching of the memorial's reading pages, exact after every content change.

A page is stored under the content version, which every save or delete of a content record
bumps (memorial.apps connects the receivers; ContentQuerySet covers bulk updates). The bump
happens at once and again after the commit, so a page rendered from data a transaction was
about to change is filed under a version no one reads again. Withdrawing consent therefore
hides a person on the very next request, cached or not.

Only anonymous GETs with no pending messages and no free-text query are cached: an editor's
preview, a search or a flash message always renders afresh, and no visitor can fill the cache
with arbitrary keys. A page is shared by everyone, so it must hold no visitor's CSRF token
(campaign.lib.sharedpages refuses one that does).
"""

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from campaign.lib.sharedpages import ensure_shareable
from memorial.caching import CONTENT, PAGE_TIMEOUT, page_key


def content_version():
    return CONTENT.current()


def content_changed(*args, **kwargs):
    """Receiver for post_save/post_delete, and called by bulk changes."""
    CONTENT.bump_now_and_after_commit()


def cacheable(request, allowed_params):
    if request.method not in ("GET", "HEAD") or "messages" in request.COOKIES:
        return False
    for name, values in request.GET.lists():
        if name not in allowed_params or any(v not in allowed_params[name] for v in values):
            return False
    return not request.user.is_authenticated


def cached_page(allowed_params=None, extra_versions=()):
    """Serve the stored page when nothing it shows has changed since it was rendered.

    `allowed_params` maps the query parameters that may vary the page to their valid values;
    `extra_versions` are callables for other things a page shows (the candle count).
    """
    allowed_params = allowed_params or {}

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not cacheable(request, allowed_params):
                return view(request, *args, **kwargs)
            versions = [content_version(), *(version() for version in extra_versions)]
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = page_key(versions, get_language(), path)
            stored = cache.get(key)
            if stored is not None:
                content_type, body = stored
                return HttpResponse(body, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                ensure_shareable(request, response.content.decode(response.charset))
                cache.set(key, (response["Content-Type"], response.content), PAGE_TIMEOUT)
            return response

        return wrapper

    return decorate
