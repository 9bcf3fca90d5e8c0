from django.conf import settings
from django.urls import translate_url


def site(request):
    """The site's own address and the same page in each language: `url` for hreflang, and
    `switch_url`, which keeps the query string (a search, a person picked for a correction),
    for the switcher."""
    path = request.path
    full_path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "switch_url": translate_url(full_path, code),
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + path,
        "language_alternates": alternates,
    }
