"""Where it happened: Kazakhstan and the Caspian coast drawn on the server from Natural Earth's
outlines, with Zhanaozen, Shetpe and Aktau marked, on the home page and the timeline."""

import re

import pytest
from django.test import Client
from django.utils import translation

from memorial import maps

PAGES = ["/{language}/", "/{language}/timeline/"]
PLACE_NAMES = {
    "en": ["Zhanaozen", "Shetpe", "Aktau"],
    "ru": ["Жанаозен", "Шетпе", "Актау"],
    "kk": ["Жаңаөзен", "Шетпе", "Ақтау"],
}


@pytest.fixture(autouse=True)
def language_restored():
    """Requests under /ru/ and /kk/ leave that language active in this thread; the tests
    after these must not render in it."""
    with translation.override(None):
        yield


def inside(point, ring):
    """Even-odd rule: does the ray from `point` eastwards cross the ring an odd number of times?"""
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (x2 - x1) * (y - y1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


@pytest.mark.parametrize("place", maps.PLACES, ids=lambda place: place.key)
def test_each_place_lies_in_kazakhstan_as_natural_earth_draws_it(place):
    rings = maps.countries()[maps.KAZAKHSTAN]
    assert sum(inside((place.longitude, place.latitude), ring) for ring in rings) == 1


def test_the_coast_view_is_the_frame_drawn_on_the_country_view():
    x, y, width, height = maps.COUNTRY.frame(maps.MANGYSTAU)
    for place in maps.PLACES:
        px, py = maps.point(maps.COUNTRY, place.longitude, place.latitude)
        assert x < px < x + width and y < py < y + height, place.key
        cx, cy = maps.point(maps.MANGYSTAU, place.longitude, place.latitude)
        assert 0 < cx < maps.MANGYSTAU.width and 0 < cy < maps.MANGYSTAU.height, place.key


def test_a_ring_crossing_the_view_is_cut_at_its_edge():
    square = [(-5, -5), (5, -5), (5, 5), (-5, 5)]
    clipped = maps.clip(square, 0, 0, 10, 10)
    assert sorted(set(clipped)) == [(0, 0), (0, 5), (5, 0), (5, 5)]
    assert maps.clip([(20, 20), (30, 20), (30, 30)], 0, 0, 10, 10) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("path", PAGES)
def test_home_and_timeline_show_the_map_with_its_text_alternative(language, path):
    html = Client().get(path.format(language=language)).content.decode()
    section = re.search(r'<section class="memorial-map".*?</section>', html, re.S).group(0)
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", section, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        opening = re.match(r"<svg\b[^>]*>", svg).group(0)
        assert 'role="img"' in opening
        title_id, desc_id = re.search(r'aria-labelledby="(\S+) (\S+)"', opening).groups()
        assert f'<title id="{title_id}">' in svg and f'<desc id="{desc_id}">' in svg
        assert "<script" not in svg and "href" not in svg and "<image" not in svg
        assert 'd="M' in svg and "," in svg, "outlines drawn as path data"
    for key in ("zhanaozen", "shetpe", "aktau"):
        assert section.count(f'data-place="{key}"') == 2, "marked in both views"
    # The places in words, in the page's language, for anyone who cannot see the map.
    places = re.search(r'<ul class="memorial-map-places">(.*?)</ul>', section, re.S).group(1)
    for name in PLACE_NAMES[language]:
        assert f"<strong>{name}</strong>" in places
    assert "Natural Earth" in section


@pytest.mark.django_db
def test_map_coordinates_are_written_with_a_dot_in_every_language():
    """Russian and Kazakh write decimals with a comma; SVG needs a dot."""
    for language in ("ru", "kk"):
        html = Client().get(f"/{language}/").content.decode()
        svg = re.search(r'<svg class="memorial-map-view".*?</svg>', html, re.S).group(0)
        assert not re.search(r'(cx|cy|x|y|width|height)="-?\d+,\d', svg)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_marker_sits_inside_kazakhstan_as_the_browser_draws_it(live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(live_server.url + "/kk/")
    outside = page.evaluate(
        """() => {
            const out = [];
            for (const svg of document.querySelectorAll('.memorial-map-view')) {
                const country = svg.querySelector('.memorial-map-kazakhstan');
                for (const marker of svg.querySelectorAll('[data-place]')) {
                    const dot = marker.matches('circle') ? marker : marker.querySelector('circle');
                    const point = new DOMPoint(dot.cx.baseVal.value, dot.cy.baseVal.value);
                    if (!country.isPointInFill(point)) out.push(marker.dataset.place);
                }
            }
            return out;
        }"""
    )
    widths = page.evaluate(
        "[...document.querySelectorAll('.memorial-map-view')]"
        ".map(svg => svg.getBoundingClientRect().right)"
    )
    context.close()
    assert outside == []
    assert all(right <= 375 for right in widths)
