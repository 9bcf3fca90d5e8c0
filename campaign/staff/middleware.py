from django.conf import settings


class AdminActivityMiddleware:
    """Keeps a staff session alive while it is used, and only then.

    Each admin request by a logged-in person saves the session, which moves its expiry
    SESSION_COOKIE_AGE (DJANGO_STAFF_IDLE_MINUTES) on; a session left alone that long is gone.
    Django's SESSION_SAVE_EVERY_REQUEST would do the same on every page, and would make a new
    session for any public request that carries a stale session cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix) and request.user.is_authenticated:
            request.session.modified = True
        return response
