"""Every public URL of the site, for tests that must hold on all of them.

`public_urls()` walks the URL configuration; a pattern with parameters needs sample values,
given by the builders below from the objects that exist in the test database. A test fails
when a new pattern appears that this catalogue cannot build, so nothing goes untested.
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.campaign.url_samples import SAMPLES as CAMPAIGN_SAMPLES
from tests.embed.url_samples import SAMPLES as EMBED_SAMPLES
from tests.memorial.url_samples import SAMPLES as MEMORIAL_SAMPLES
from tests.sharing.url_samples import SAMPLES as SHARING_SAMPLES
from tests.tally.url_samples import SAMPLES as TALLY_SAMPLES
from tests.updates.url_samples import SAMPLES as UPDATES_SAMPLES

# name -> callable returning kwargs for reverse(), or None when no sample exists.
SAMPLE_KWARGS = {
    **MEMORIAL_SAMPLES,
    **CAMPAIGN_SAMPLES,
    **EMBED_SAMPLES,
    **SHARING_SAMPLES,
    **TALLY_SAMPLES,
    **UPDATES_SAMPLES,
}

# Patterns outside the public site: the admin has its own tests.
EXCLUDED_NAMESPACES = {"admin"}


def iter_named_patterns(patterns=None, namespace=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = entry.namespace or namespace
            if namespace and entry.namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from iter_named_patterns(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry


def public_urls(language=settings.LANGUAGE_CODE):
    """(name, url) for every named public pattern; raises KeyError for an unknown parameter."""
    urls = []
    with translation.override(language):
        for name, pattern in iter_named_patterns():
            if pattern.pattern.regex.groups:
                kwargs = SAMPLE_KWARGS[name]()
                if kwargs is None:
                    continue
                urls.append((name, reverse(name, kwargs=kwargs)))
            else:
                urls.append((name, reverse(name)))
    return urls
