from django.http import HttpResponse
from django.urls import path

from campaign.urls import urlpatterns as site_patterns


def minimal(request):
    """The stack's ceiling: a Django view that does nothing, behind the same middleware."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *site_patterns]
