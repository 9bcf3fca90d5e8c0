from django.conf import settings
from django.urls import translate_url


def site(request):
    """The site's own address and the same page in each language (switcher, hreflang)."""
    path = request.path
    alternates = [
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    ]
    return {
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + path,
        "language_alternates": alternates,
    }
