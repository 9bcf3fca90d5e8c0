"""The memorial and petition embeds: what they show, what they never show, and their cost."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.candles import light_candle
from memorial.models import Harm, Person
from tests.campaign.factories import make_signature
from tests.embed.conftest import make_person

pytestmark = pytest.mark.django_db

MEMORIAL = "/embed/memorial/"


def text_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_memorial_embed_shows_names_candles_figures_and_a_link_to_sign(client, memorial, petition):
    html = text_of(client.get(MEMORIAL))
    for name in ("Aidar Example", "Berik Example", "Dana Example", "Y. S."):
        assert name in html
    assert "Yerlan Sample" not in html, "the naming level (initials) is respected"
    assert '<a href="/en/people/aidar-example/" target="_blank" rel="noopener">' in html
    assert "1 candle lit in memory." in html, "rejected candles are not counted"
    assert "and 14 people killed whose names we do not know." in html
    assert '16</span> — <span class="claimant">State officials</span>' in html
    assert "dozens, perhaps hundreds, more" in html
    assert "Wire Agency" in html
    assert "Campaign Weekly (campaigning source)" in html
    assert "Police open fire on Alan Square" in html
    assert f'href="{petition.get_absolute_url()}"' in html
    assert "Sign for an independent international inquiry" in html


def test_people_who_must_not_appear_never_do(client, memorial):
    for query in ("", "?section=people", "?lang=ru", "?lang=kk&section=all"):
        html = text_of(client.get(MEMORIAL + query))
        assert "Withdrawn Person" not in html and "hidden-withdrawn" not in html
        assert "Draft Person" not in html and "hidden-draft" not in html
        assert "999" not in html and "Unpublished event" not in html


def test_sections_show_only_what_they_name(client, memorial):
    people = text_of(client.get(MEMORIAL + "?section=people"))
    assert "Aidar Example" in people and "State officials" not in people
    assert "Police open fire" not in people
    figures = text_of(client.get(MEMORIAL + "?section=figures"))
    assert "State officials" in figures and "Aidar Example" not in figures
    timeline = text_of(client.get(MEMORIAL + "?section=timeline"))
    assert "Police open fire" in timeline and "State officials" not in timeline


def test_language_comes_from_the_option_and_links_stay_in_it(client, memorial):
    response = client.get(MEMORIAL + "?lang=ru", HTTP_ACCEPT_LANGUAGE="kk")
    html = text_of(response)
    assert '<html lang="ru"' in html
    assert response["Content-Language"] == "ru"
    assert "Айдар Пример" in html, "the Russian spelling of the name"
    assert 'href="/ru/people/aidar-example/"' in html
    assert 'href="/en/' not in html and 'href="/kk/' not in html


@pytest.mark.parametrize(
    ("query", "lang", "theme", "section"),
    [
        ("", "en", "light", "all"),
        ("?lang=kk&theme=dark&section=figures", "kk", "dark", "figures"),
        ("?lang=KK&theme=Auto", "kk", "auto", "all"),
        ("?lang=de&theme=neon&section=everything", "en", "light", "all"),
        ("?lang=<script>&theme=%22&section=", "en", "light", "all"),
    ],
)
def test_unknown_options_fall_back_to_the_defaults(client, memorial, query, lang, theme, section):
    html = text_of(client.get(MEMORIAL + query))
    assert f'<html lang="{lang}" class="theme-{theme}">' in html
    shown = {name for name in ("people", "figures", "timeline") if f'id="embed-{name}"' in html}
    assert shown == ({"people", "figures", "timeline"} if section == "all" else {section})
    assert "<script>" not in html.replace('<script src="/static/js/embed-frame.js" defer>', "")


def test_embed_is_light_and_self_contained(client, memorial, petition):
    """No form, no inline script or style, no web font, nothing from another host."""
    for url in (MEMORIAL, reverse("embed:petition", kwargs={"slug": petition.slug})):
        html = text_of(client.get(url))
        for forbidden in ("<form", "<input", "<textarea", "<style", " style=", "bootstrap"):
            assert forbidden not in html, (url, forbidden)
        assert not re.search(r"<[^>]*\son[a-z]+=", html), "an inline event handler"
        assert re.findall(r"<script[^>]*>", html) == [
            '<script src="/static/js/embed-frame.js" defer>'
        ]
        assert re.findall(r"https?://", html) == []
    css = client.get("/static/css/embed.css")
    css_text = b"".join(css.streaming_content).decode()
    assert "@font-face" not in css_text and "url(" not in css_text and "@import" not in css_text


def static_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content)


def test_first_render_is_under_30_kb_compressed_with_the_shipped_content(client):
    call_command("load_memorial", verbosity=0)
    call_command("load_petition", verbosity=0)
    for number in range(40):
        make_person(f"extra-{number}", f"Extra Person Number{number}", Harm.Kind.DETAINED)
    response = client.get(MEMORIAL + "?section=all")
    html = response.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    assert len(assets) == 2, "one stylesheet and one script"
    total = len(gzip.compress(html)) + sum(
        len(gzip.compress(static_text(client, path.decode()))) for path in assets
    )
    assert total < 30 * 1024, total


def test_petition_embed_shows_the_count_the_bar_and_a_sign_link(client, petition):
    url = reverse("embed:petition", kwargs={"slug": petition.slug})
    html = text_of(client.get(url + "?lang=en&theme=dark"))
    assert '<span class="figure">3</span>' in html
    assert "confirmed signatures of a goal of 1,000" in html
    assert '<progress class="bar" max="1000" value="3">0%</progress>' in html
    assert f'<a class="embed-sign" href="{petition.get_absolute_url()}"' in html
    assert 'class="theme-dark"' in html


def test_petition_embed_shows_counts_only_never_who_signed(client, petition):
    url = reverse("embed:petition", kwargs={"slug": petition.slug})
    pages = [
        text_of(client.get(url)),
        text_of(client.get(MEMORIAL)),
        text_of(client.get("/oembed/?url=http://127.0.0.1:8000" + petition.get_absolute_url())),
    ]
    for html in pages:
        for private in ("Named Signer", "example.org", "Aktau", "Justice for Zhanaozen", "@"):
            assert private not in html, private


def test_closed_or_unknown_petitions(client, petition):
    petition.state = petition.State.CLOSED
    petition.save()
    url = reverse("embed:petition", kwargs={"slug": petition.slug})
    html = text_of(client.get(url))
    assert "This petition is closed." in html and "embed-sign" not in html
    missing = client.get(reverse("embed:petition", kwargs={"slug": "no-such-petition"}))
    assert missing.status_code == 404
    assert "no longer available" in missing.content.decode()
    assert "frame-ancestors *" in missing["Content-Security-Policy"], "still shown in the frame"


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(client, memorial, petition):
    urls = (MEMORIAL, f"/embed/petition/{petition.slug}/")
    small = {url: queries_for(client, url) for url in urls}
    for number in range(30):
        make_person(f"more-{number}", f"More Person{number}", Harm.Kind.WOUNDED)
        make_signature(petition, state="confirmed", country=["KZ", "RU", "GB"][number % 3])
    large = {url: queries_for(client, url) for url in small}
    assert large == small
    assert small[MEMORIAL] <= 12, small


def test_a_stored_embed_follows_consent_withdrawal_and_new_candles(
    client, memorial, django_capture_on_commit_callbacks
):
    """The rendered embed is kept in the cache; a change must still show on the next request."""
    first = text_of(client.get(MEMORIAL))
    assert "Aidar Example" in first and "1 candle lit in memory." in first
    with CaptureQueriesContext(connection) as queries:
        assert text_of(client.get(MEMORIAL)) == first
    assert len(queries) == 0, "the second request is served from the cache"
    with django_capture_on_commit_callbacks(execute=True):
        person = memorial["killed"]
        person.consent = Person.Consent.WITHDRAWN
        person.save()
        light_candle("Ainur", "", "en")
    after = text_of(client.get(MEMORIAL))
    assert "Aidar Example" not in after
    assert "2 candles lit in memory." in after
