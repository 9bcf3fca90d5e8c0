"""Response headers of the views other sites may frame.

Only these responses leave `frame-ancestors 'none'` and `X-Frame-Options: DENY` behind. They
carry no cookie and vary on nothing the request's headers say (the options are in the URL),
so a shared cache may keep one copy per URL for a few minutes.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override


def embed_policy():
    """The site's policy, with partners allowed as frame ancestors and no form anywhere."""
    return {
        **settings.SECURE_CSP,
        "frame-ancestors": settings.EMBED_FRAME_ANCESTORS or [CSP.NONE],
        "form-action": [CSP.NONE],
    }


def embeddable(max_age):
    """Framable by the partners in EMBED_FRAME_ANCESTORS, and cacheable by proxies."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            framable = xframe_options_exempt(csp_override(embed_policy())(view))
            return public_cache(framable(request, *args, **kwargs), max_age)

        return wrapped

    return decorator


def public_cache(response, max_age):
    """A response anyone may cache for max_age seconds, and that must not vary by visitor."""
    patch_cache_control(response, public=True, max_age=max_age)
    response.embed_public = True
    return response
