"""No cache may keep a response that sets a cookie.

A session or CSRF cookie belongs to one visitor, and so does the page that came with it: a
page holding a CSRF token always sets the CSRF cookie (Django renews it whenever the token is
used), so this also covers every form, the petition page served from the shared store with
the visitor's own token written in included. A proxy or browser cache that kept one would hand
that visitor's token or session to the next person. Pages meant for everyone (count.json, the
embeds, oEmbed) set no cookie and keep their public Cache-Control.

It sits before SessionMiddleware, CsrfViewMiddleware and MessageMiddleware in MIDDLEWARE, so
it sees the response after they have added their cookies.
"""

PRIVATE = "private, no-store"


def forbids_storing(response):
    """True if the response already tells every cache not to store it (the admin's
    `no-store`, never_cache's longer form): nothing to add."""
    directives = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    return "no-store" in directives


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and not forbids_storing(response):
            # Replaced, not merged: a `public, max-age=...` left beside it would contradict it.
            response.headers["Cache-Control"] = PRIVATE
        return response
