"""Headers Django has no setting for. campaign.static_headers gives the same to static files."""

from django.conf import settings

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Other sites may load what is made for them (Cross-Origin-Resource-Policy); nothing else.
SAME_ORIGIN = "same-origin"
CROSS_ORIGIN = "cross-origin"


def resource_policy(response):
    """cross-origin for what partners' pages load: the embeds and oEmbed answers (marked
    public by campaign.embed.headers) and answers CORS opens to every origin (count.json).
    Saying so, rather than sending nothing, lets a partner whose page requires CORP
    (Cross-Origin-Embedder-Policy) load them too."""
    open_to_all = response.get("Access-Control-Allow-Origin") == "*"
    return CROSS_ORIGIN if getattr(response, "embed_public", False) or open_to_all else SAME_ORIGIN


class SecurityHeadersMiddleware:
    """The admin holds signers' names: its pages must never sit in a shared or browser cache."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", resource_policy(response))
        if request.path.startswith(self.admin_prefix):
            response.headers["Cache-Control"] = "no-store"
        return response
