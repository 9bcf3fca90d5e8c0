"""Pages rendered once and served to many visitors: they must carry no one's secret.

A page that holds a form is stored with a placeholder where the CSRF token goes, and each
visitor gets it with their own token written in. Rendering it with the placeholder as the
context's `csrf_token` makes every `{% csrf_token %}` in it, however deeply included, write the
placeholder. The page is stored as the bytes between its placeholders, so that serving it is
joining them around the token: no search through the page, and no encoding of it, per visitor.
Every stored page is checked before it is stored, so a token frozen some other
way (a fragment cache first filled by a moderator, a token written by hand) is refused at once
instead of being handed to everyone: that is how the petition once served each visitor the
first renderer's token, and every signature after the first failed its CSRF check.
"""

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

# Letters only, so that no escaping can change it inside an attribute.
TOKEN_SLOT = "csrftokenslotq7v3k9"  # noqa: S105
CSRF_INPUT_VALUE = re.compile(r'name=["\']?csrfmiddlewaretoken["\']?[^>]*?value=["\']?([^"\'\s>]*)')


class VisitorSecretInPage(RuntimeError):
    """A page about to be shared holds a CSRF token or secret of the visitor who rendered it."""


def ensure_shareable(request: HttpRequest, page: str) -> str:
    """Refuse a page that carries the rendering visitor's CSRF secret or any real token."""
    frozen = set(CSRF_INPUT_VALUE.findall(page)) - {TOKEN_SLOT}
    secret = request.META.get("CSRF_COOKIE")
    if frozen or (secret and secret in page):
        raise VisitorSecretInPage(f"{request.path} would share a visitor's CSRF token")
    return page


# The page's UTF-8 bytes before, between and after its token placeholders.
SharedPage = tuple[bytes, ...]


def render_shared(request: HttpRequest, template_name: str, context: dict[str, Any]) -> SharedPage:
    """The page as every anonymous visitor sees it, cut where its forms' tokens go."""
    page = render_to_string(template_name, {**context, "csrf_token": TOKEN_SLOT}, request)
    return tuple(ensure_shareable(request, page).encode().split(TOKEN_SLOT.encode()))


def personalised(request: HttpRequest, page: SharedPage) -> HttpResponse:
    """The stored page with this visitor's own CSRF token (and its cookie) written in."""
    return HttpResponse(get_token(request).encode().join(page))
