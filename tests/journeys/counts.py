"""The petition's count where the public reads it: the petition page, count.json and the
petition embed, on every host.

Each is cached for CACHE_SECONDS, and one cached layer can be built from another that is
itself nearly that old (the page holds the figures it was rendered with), so a change shows
everywhere within two windows; one more second absorbs the time the readings take.
"""

import json
import re
import time
import urllib.request

from tests.journeys.sites import CACHE_SECONDS
from tests.journeys.visitors import digits

SETTLES_WITHIN = 2 * CACHE_SECONDS + 1
EMBED_FIGURE = re.compile(r'class="figure">([^<]+)<')


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def json_count(host, slug):
    return json.loads(fetch(f"{host}/en/petitions/{slug}/count.json"))["count"]


def embed_count(host, slug):
    """The figure in the petition embed (which, like the page, may show none for 0)."""
    figure = EMBED_FIGURE.search(fetch(f"{host}/embed/petition/{slug}/"))
    return digits(figure.group(1)) if figure else 0


def readings(site, reader):
    """{where: count} on every host; `reader` is a Visitor whose browser loads the pages."""
    seen = {}
    for n, server in enumerate(site.hosts):
        host = server.url
        seen[f"page on host {n}"] = reader.count_shown(host)
        seen[f"count.json on host {n}"] = json_count(host, site.slug)
        seen[f"embed on host {n}"] = embed_count(host, site.slug)
    return seen


def assert_count_everywhere(site, reader, expected):
    """Every reading shows `expected` within SETTLES_WITHIN seconds (of the last change)."""
    deadline = time.monotonic() + SETTLES_WITHIN
    while True:
        seen = readings(site, reader)
        if set(seen.values()) == {expected} or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert seen == dict.fromkeys(seen, expected)
