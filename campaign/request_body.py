"""Request bodies refused before anything reads them: too large, or form data that is not UTF-8.

Both are checked here, once for every URL, because the first reader is Django's CSRF check,
before any view:

- Form data is UTF-8 (RFC 1866, and what every browser sends); Django raises BadRequest for
  urlencoded data declared in another charset, but its 400 page then runs the CSRF check
  again, which reads the form again and raises again: gunicorn answered a bare 500 on every
  POST URL, /admin/login/ included.
- Django streams uploaded files to a temporary folder whatever their size. Visitors' forms are
  a few kilobytes and may be no larger than DATA_UPLOAD_MAX_MEMORY_SIZE; only the admin
  uploads files (person photos), up to UPLOAD_MAX_BYTES.
"""

from django.conf import settings
from django.shortcuts import render

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def declared_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        # Django reads no body at all then.
        return 0


class RequestBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        limit = self.limit(request)
        if declared_length(request) > limit:
            return render(request, "413.html", {"limit_mb": limit / 2**20}, status=413)
        encoding = request.encoding
        if request.content_type in FORM_TYPES and encoding and encoding.lower() != "utf-8":
            return render(request, "400.html", status=400)
        return self.get_response(request)

    def limit(self, request):
        if request.path.startswith(self.admin_prefix):
            return settings.UPLOAD_MAX_BYTES
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
