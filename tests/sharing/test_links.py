"""Share links: plain links to each network's share page, the same for every visitor, on the
petition page and after confirming."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from campaign.petitions.tokens import confirm_token
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

SHARE_BOX = re.compile(r'<section class="share.*?</section>', re.S)
ANCHOR = re.compile(r"<a [^>]*>")
NETWORK_HOSTS = {
    "telegram": "t.me",
    "whatsapp": "wa.me",
    "vk": "vk.com",
    "facebook": "www.facebook.com",
    "x": "x.com",
}


def share_box(html):
    boxes = SHARE_BOX.findall(html)
    assert len(boxes) == 1
    return boxes[0]


def attribute(tag, name):
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return unescape(match.group(1)) if match else None


def links_by_network(box):
    found = {}
    for tag in ANCHOR.findall(box):
        if network := re.search(r"\bshare-(\w+)", attribute(tag, "class")):
            found[network.group(1)] = tag
    return found


KK_TITLE = "Тергеу қазір"  # noqa: RUF001


def petition_with_titles():
    return make_petition(
        slug="inquiry",
        title_en="An inquiry now & justice",
        title_ru="Расследование сейчас",
        title_kk=KK_TITLE,
    )


def test_every_network_gets_the_canonical_url_and_text_encoded(client):
    petition = petition_with_titles()
    box = share_box(client.get(petition.get_absolute_url()).content.decode())
    links = links_by_network(box)
    assert set(links) == {*NETWORK_HOSTS, "email"}
    url = settings.SITE_URL + "/en/petitions/inquiry/"
    text = "Sign the petition: An inquiry now & justice"
    expected = {
        "telegram": {"url": [url], "text": [text]},
        "whatsapp": {"text": [f"{text} {url}"]},
        "vk": {"url": [url], "title": [text]},
        "facebook": {"u": [url]},
        "x": {"url": [url], "text": [text]},
    }
    for network, host in NETWORK_HOSTS.items():
        tag = links[network]
        href = urlsplit(attribute(tag, "href"))
        assert (href.scheme, href.netloc) == ("https", host)
        assert parse_qs(href.query) == expected[network]
        # Encoded: no raw space, ampersand of the title or slash of the URL in the query.
        assert " " not in href.query and "/" not in href.query
        assert attribute(tag, "target") == "_blank"
        assert attribute(tag, "rel") == "noopener noreferrer"
        assert attribute(tag, "aria-label").startswith("Share on ")
        assert "opens in a new tab" in attribute(tag, "aria-label")
    mail = urlsplit(attribute(links["email"], "href"))
    assert mail.scheme == "mailto"
    assert "+" not in mail.query
    assert parse_qs(mail.query) == {"subject": [petition.title], "body": [f"{text}\n\n{url}"]}
    assert attribute(links["email"], "target") is None
    # The link field holds the canonical URL for copying by hand or by the button.
    assert f'value="{url}"' in box


def test_links_are_in_the_visitors_language(client):
    petition = petition_with_titles()
    with translation.override("kk"):
        page = client.get(petition.get_absolute_url()).content.decode()
    telegram = links_by_network(share_box(page))["telegram"]
    query = parse_qs(urlsplit(attribute(telegram, "href")).query)
    assert query["url"] == [settings.SITE_URL + "/kk/petitions/inquiry/"]
    assert KK_TITLE in query["text"][0]
    assert query["text"][0] != f"Sign the petition: {KK_TITLE}"


def test_no_script_image_or_frame_from_the_networks(client):
    petition = petition_with_titles()
    page = client.get(petition.get_absolute_url()).content.decode()
    for host in NETWORK_HOSTS.values():
        for tag in re.findall(r"<(?:script|img|iframe|link|source)\b[^>]*>", page):
            assert host not in tag
    assert re.search(r'<script src="/static/sharing/share\.js" defer>', page)
    assert "<script>" not in page


def test_the_shared_page_gives_every_visitor_the_same_links():
    petition = petition_with_titles()
    first = share_box(Client().get(petition.get_absolute_url()).content.decode())
    second = share_box(Client().get(petition.get_absolute_url()).content.decode())
    assert first == second
    assert "csrf" not in first.lower()


def test_the_confirmed_signer_is_offered_the_links(client):
    petition = petition_with_titles()
    signature = make_signature(petition)
    url = reverse("campaign:confirm", kwargs={"token": confirm_token(signature)})
    assert "share-telegram" not in client.get(url).content.decode()
    client.post(url)
    box = share_box(client.get(url).content.decode())
    telegram = links_by_network(box)["telegram"]
    query = parse_qs(urlsplit(attribute(telegram, "href")).query)
    # The petition's address, not the private confirmation link.
    assert query["url"] == [settings.SITE_URL + "/en/petitions/inquiry/"]
    assert "confirm" not in box
