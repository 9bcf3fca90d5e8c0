"""The oEmbed provider, its discovery, and what WordPress keeps of its HTML."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse

from tests.embed.wordpress import filter_oembed_result, kses

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def oembed(client, url, **params):
    return client.get("/oembed/?" + urlencode({"url": url, **params}))


def test_memorial_page_gives_a_rich_answer_with_one_iframe(client, memorial):
    response = oembed(client, SITE + "/en/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_url"] == SITE + "/"
    assert data["width"] == 600 and data["height"] == 700
    assert data["title"] == "Zhanaozen 2011: the memorial"
    assert data["html"] == (
        f'<blockquote><a href="{SITE}/en/">Zhanaozen 2011: the memorial</a></blockquote>'
        f'<iframe src="{SITE}/embed/memorial/?lang=en&amp;theme=light&amp;section=all" '
        'width="600" height="700" title="Zhanaozen 2011: the memorial" frameborder="0"></iframe>'
    )


def test_person_and_petition_pages_and_embed_addresses_are_ours(client, memorial, petition):
    person = oembed(client, SITE + "/ru/people/aidar-example/").json()
    assert "/embed/memorial/?lang=ru&amp;theme=light&amp;section=people" in person["html"]
    assert f'<a href="{SITE}/ru/people/aidar-example/">' in person["html"]
    sign = oembed(client, SITE + f"/kk/petitions/{petition.slug}/").json()
    assert f"/embed/petition/{petition.slug}/?lang=kk&amp;theme=light" in sign["html"]
    assert sign["height"] == 260 and "An inquiry now" in sign["title"]
    embed = oembed(client, SITE + "/embed/memorial/?lang=kk&theme=dark&section=figures").json()
    assert "?lang=kk&amp;theme=dark&amp;section=figures" in embed["html"]
    figures = oembed(client, SITE + "/en/how-many/").json()
    assert "section=figures" in figures["html"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/en/",
        "http://127.0.0.1:9999/en/",
        "javascript:alert(1)",
        SITE + "/en/no-such-page/",
        SITE + "/en/people/hidden-withdrawn/",
        SITE + "/en/people/hidden-draft/",
        SITE + "/en/petitions/no-such-petition/",
        SITE + "/embed/petition/no-such-petition/",
        SITE + "/en/embed/",
        SITE + "/healthz/",
        SITE + "/oembed/",
    ],
)
def test_addresses_that_are_not_our_pages_are_404(client, memorial, url):
    assert oembed(client, url).status_code == 404
    assert oembed(client, url, format="xml").status_code == 404


def test_other_formats_are_501_and_a_missing_url_400(client, memorial):
    assert oembed(client, SITE + "/en/", format="yaml").status_code == 501
    assert oembed(client, SITE + "/en/", format="jsonp").status_code == 501
    assert client.get("/oembed/").status_code == 400


def test_xml_carries_the_same_answer(client, memorial):
    response = oembed(client, SITE + "/ru/", format="xml", maxwidth="400")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>')
    root = ET.fromstring(response.content)  # noqa: S314 (our own answer, not untrusted)
    assert root.tag == "oembed"
    fields = {child.tag: child.text for child in root}
    as_json = oembed(client, SITE + "/ru/", maxwidth="400").json()
    assert fields == {key: str(value) for key, value in as_json.items()}


@pytest.mark.parametrize(
    ("params", "size"),
    [
        ({}, (600, 700)),
        ({"maxwidth": "320"}, (320, 700)),
        ({"maxwidth": "320", "maxheight": "240"}, (320, 240)),
        ({"maxwidth": "2000", "maxheight": "5000"}, (600, 700)),
        ({"maxwidth": "0", "maxheight": "-5"}, (600, 700)),
        ({"maxwidth": "wide"}, (600, 700)),
    ],
)
def test_maxwidth_and_maxheight_are_honoured(client, memorial, params, size):
    data = oembed(client, SITE + "/en/", **params).json()
    assert (data["width"], data["height"]) == size
    assert f'width="{size[0]}" height="{size[1]}"' in data["html"]


def test_wordpress_keeps_our_html_whole(client, memorial, petition):
    """One iframe, with only the attributes WordPress allows: nothing is lost in its filter."""
    for page in (SITE + "/en/", SITE + f"/ru/petitions/{petition.slug}/"):
        html = oembed(client, page).json()["html"]
        kept, parser = kses(html)
        assert parser.dropped == []
        assert kept == html
        assert len(parser.iframes) == 1
        assert {"src", "width", "height", "title"} <= set(parser.iframes[0])
        filtered = filter_oembed_result(html, "AbCdE12345")
        assert filtered.count("<iframe") == 1
        assert 'sandbox="allow-scripts" security="restricted"' in filtered
        src = parser.iframes[0]["src"]
        assert f"{src.replace('&', '&amp;')}#?secret=AbCdE12345" in filtered
        assert filtered.startswith('<blockquote data-secret="AbCdE12345"><a href="')


def discovered(response):
    """(format, url parameter) of each oEmbed <link> in the page's head."""
    head = response.content.decode().split("</head>")[0]
    links = []
    for fmt, mime in (("json", "application/json+oembed"), ("xml", "text/xml+oembed")):
        marker = f'<link rel="alternate" type="{mime}" href="'
        assert head.count(marker) == 1, mime
        href = head.split(marker)[1].split('"')[0].replace("&amp;", "&")
        query = parse_qs(urlsplit(href).query)
        assert href.startswith(SITE + "/oembed/?") and query["format"] == [fmt]
        links.append((fmt, query["url"][0]))
    return links


def test_discovery_links_early_in_head_and_as_a_link_header(client, memorial, petition):
    pages = ["/en/", "/kk/people/aidar-example/", f"/ru/petitions/{petition.slug}/"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200
        assert discovered(response) == [("json", SITE + path), ("xml", SITE + path)]
        head = response.content.decode().split("</head>")[0]
        assert head.index("+oembed") < head.index("<title>"), "early, before the title"
        header = response["Link"]
        assert header.count('rel="alternate"') == 2
        assert 'type="application/json+oembed"' in header and 'type="text/xml+oembed"' in header
        assert (
            "<" + SITE + "/oembed/?" + urlencode({"url": SITE + path, "format": "json"}) in header
        )


def test_other_pages_carry_no_discovery(client, memorial):
    for path in ("/en/timeline/", "/en/embed/", "/en/people/hidden-withdrawn/", "/en/nothing/"):
        response = client.get(path)
        assert "+oembed" not in response.content.decode(), path
        assert "Link" not in response, path


def test_partner_page_gives_the_code_a_link_and_a_preview(client, memorial, petition):
    response = client.get(reverse("memorial_embed_page") + "?lang=ru&theme=dark&section=people")
    html = response.content.decode()
    src = f"{SITE}/embed/memorial/?lang=ru&amp;amp;theme=dark&amp;amp;section=people"
    assert f"&lt;iframe src=&quot;{src}&quot;" in html, "the code, escaped in the textarea"
    assert f"&lt;script async src=&quot;{SITE}/static/embed.js&quot;&gt;" in html
    assert f'<code id="embed-wordpress-link" class="embed-link">{SITE}/ru/</code>' in html
    assert (
        '<iframe id="embed-preview" class="embed-preview" '
        'src="/embed/memorial/?lang=ru&amp;theme=dark&amp;section=people" sandbox="allow-scripts"'
    ) in html
    assert f"/embed/petition/{petition.slug}/?lang=ru&amp;amp;theme=dark" in html
    assert '<textarea class="form-control embed-code" id="embed-code" rows="6" readonly>' in html
    assert 'data-copy="embed-code" hidden' in html
    default = client.get("/kk/embed/").content.decode()
    assert re.search(r'<option value="kk" [^>]* selected>', default)
    assert "lang=kk&amp;amp;theme=light&amp;amp;section=all" in default
