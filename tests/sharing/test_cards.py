"""Preview cards: a 1200x630 PNG per page and language in the site's own font, linked from the
page's meta tags, cached, and redrawn only when the count crosses a step."""

import io
import re

import pytest
from django.core.cache import cache
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageFont

from campaign.lib import fonts
from campaign.sharing import cards
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

KK_TITLE = "Жаңаөзендегі адам өлтіру оқиғалары бойынша тәуелсіз халықаралық тергеу"
META = re.compile(r'<meta (?:property|name)="((?:og:image|twitter:card)[^"]*)" content="([^"]*)"')


def meta(html):
    return dict(META.findall(html))


def image(body):
    picture = Image.open(io.BytesIO(body))
    picture.load()
    return picture


@pytest.mark.parametrize(
    ("count", "step", "shown"),
    [
        (0, 10, 0),
        (9, 10, 0),
        (10, 10, 10),
        (999, 10, 990),
        (1000, 100, 1000),
        (1099, 100, 1000),
        (9999, 100, 9900),
        (12345, 1000, 12000),
        (123456, 10000, 120000),
    ],
)
def test_the_step_grows_with_the_count(count, step, shown):
    assert cards.count_step(count) == step
    assert cards.shown_count(count) == shown


def test_the_petition_card_is_a_1200_by_630_png_linked_from_the_page(client, settings):
    petition = make_petition(slug="card", title_kk=KK_TITLE)
    for _ in range(12):
        make_signature(petition, state="confirmed")
    tags = meta(client.get("/kk/petitions/card/").content.decode())
    assert tags["og:image"] == settings.SITE_URL + "/cards/kk/petition/card-10.png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image:alt"].startswith(KK_TITLE)

    response = client.get("/cards/kk/petition/card-10.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]
    picture = image(response.content)
    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    assert len(response.content) < 200_000
    # No text chunks: nothing but pixels leaves with the image.
    assert picture.text == {}


def test_the_memorial_card_is_every_other_pages_image(client, settings):
    tags = meta(client.get("/ru/").content.decode())
    assert tags["og:image"] == settings.SITE_URL + "/cards/ru/memorial.png"
    assert "16 декабря 2011" in tags["og:image:alt"]
    response = client.get("/cards/ru/memorial.png")
    assert image(response.content).size == (1200, 630)
    assert client.get("/cards/de/memorial.png").status_code == 404


def test_one_image_within_a_step_and_a_new_one_across(client):
    petition = make_petition(slug="steps")
    for _ in range(10):
        make_signature(petition, state="confirmed")
    first = client.get("/cards/en/petition/steps-10.png").content
    make_signature(petition, state="confirmed")
    cache.clear()  # the count's own cache expires within seconds; the cards' would not
    assert client.get("/cards/en/petition/steps-10.png").content == first
    assert meta(client.get("/en/petitions/steps/").content.decode())["og:image"].endswith(
        "/steps-10.png"
    )
    for _ in range(9):
        make_signature(petition, state="confirmed")
    cache.clear()
    page = meta(client.get("/en/petitions/steps/").content.decode())
    assert page["og:image"].endswith("/steps-20.png")
    second = client.get("/cards/en/petition/steps-20.png").content
    assert second != first
    # An old address moves on to the current card; a figure not reached is never drawn.
    moved = client.get("/cards/en/petition/steps-10.png")
    assert (moved.status_code, moved["Location"]) == (302, "/cards/en/petition/steps-20.png")
    assert client.get("/cards/en/petition/steps-5000.png")["Location"].endswith("steps-20.png")


def test_a_card_is_drawn_once_then_served_from_the_cache(client, monkeypatch):
    make_petition(slug="once")
    drawn = []
    original = cards.render
    monkeypatch.setattr(cards, "render", lambda text: drawn.append(text) or original(text))
    for _ in range(3):
        assert client.get("/cards/en/petition/once-0.png").status_code == 200
    assert len(drawn) == 1


def notdef_mask(face):
    return bytes(face.getmask("\ue000"))


def drawn_as_missing(face, letters):
    """The letters the font draws as its .notdef box, the mark of a glyph it lacks."""
    return [letter for letter in letters if bytes(face.getmask(letter)) == notdef_mask(face)]


def test_kazakh_letters_are_drawn_with_the_self_hosted_font(tmp_path, monkeypatch):
    latin_only = TTFont(fonts.SOURCE_DIR / "noto-serif-latin-700-normal.woff2")
    latin_only.flavor = None
    latin_only.save(tmp_path / "latin.ttf")
    without = ImageFont.truetype(str(tmp_path / "latin.ttf"), 60)
    # The check tells a missing glyph from a drawn one: a Latin-only font lacks them all.
    assert drawn_as_missing(without, fonts.KAZAKH_LETTERS) == list(fonts.KAZAKH_LETTERS)
    assert drawn_as_missing(cards.font(60, weight=700), fonts.KAZAKH_LETTERS + KK_TITLE) == []

    # The card in the site's font differs from the same card in one without those letters.
    text = cards.CardText("", KK_TITLE, "")
    right = cards.render(text)
    monkeypatch.setattr(
        cards,
        "font",
        lambda size, weight=400: ImageFont.truetype(str(tmp_path / "latin.ttf"), size),
    )
    boxes = cards.render(text)
    assert ImageChops.difference(image(right), image(boxes)).getbbox() is not None


def test_no_signer_data_on_a_card(client):
    petition = make_petition(slug="private")
    for index in range(11):
        make_signature(
            petition,
            state="confirmed",
            name=f"Private Person {index}",
            email=f"private{index}@example.org",
            city="Aktau",
            show_name=True,
        )
    text = cards.petition_text(petition, cards.shown_count(11))
    said = f"{text.kicker} {text.title} {text.footer}"
    assert "Private" not in said and "example.org" not in said and "Aktau" not in said
    assert said == "Zhanaozen, 16 December 2011 An inquiry now At least 10 confirmed signatures"
    body = client.get("/cards/en/petition/private-10.png").content
    assert b"example.org" not in body and b"Private" not in body
