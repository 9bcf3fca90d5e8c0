"""The poster: one A4 page per language, its text extractable, its font embedded, its QR code
leading to the petition in that language."""

import io
import re
import subprocess

import pytest
import zxingcpp
from django.core.management import call_command
from PIL import Image

from campaign.petitions.models import Petition
from campaign.sharing import poster
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(db):
    """The shipped petition, with its Russian and Kazakh text."""
    call_command("load_petition", stdout=io.StringIO())
    return Petition.objects.get()


def fetch(client, language, slug):
    response = client.get(f"/{language}/petitions/{slug}/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def poppler(tool, body, tmp_path, *args):
    path = tmp_path / "poster.pdf"
    path.write_bytes(body)
    return subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_title_and_call_are_text_in_the_language(client, petition, tmp_path, language):
    body = fetch(client, language, petition.slug)
    text = words(poppler("pdftotext", body, tmp_path))
    title = getattr(petition, f"title_{language}")
    assert title and words(title) in text
    summary_start = getattr(petition, f"summary_{language}").split()[:6]
    assert " ".join(summary_start) in text
    assert f"/{language}/petitions/{petition.slug}/" in text


def test_one_a4_page_with_the_font_embedded_and_a_small_file(client, petition, tmp_path):
    body = fetch(client, "kk", petition.slug)
    info = poppler("pdfinfo", body, tmp_path)
    assert re.search(r"Pages:\s+1\n", info)
    assert "595.28 x 841.89 pts (A4)" in info
    fonts = poppler("pdffonts", body, tmp_path).splitlines()[2:]
    assert fonts, "the poster uses a font"
    for line in fonts:
        name, embedded = line.split()[0], line.split()[-5]
        assert "NotoSerif" in name
        assert embedded == "yes"
    assert len(body) < 100_000


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_qr_code_decodes_to_the_petition_in_that_language(
    client, petition, tmp_path, settings, language
):
    body = fetch(client, language, petition.slug)
    path = tmp_path / "poster.pdf"
    path.write_bytes(body)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert [code.text for code in found] == [
        f"{settings.SITE_URL}/{language}/petitions/{petition.slug}/"
    ]


def test_the_drawn_code_is_segnos_matrix():
    """The rectangles drawn cover exactly the dark modules, row by row."""

    class Recorder:
        def __init__(self):
            self.rects = []

        def rect(self, x, y, width, height, colour):
            self.rects.append((x, y, width, height))

    matrix = poster.qr_matrix("https://example.org/kk/petitions/x/")
    recorder = Recorder()
    poster.draw_qr(recorder, matrix, 0, 0, len(matrix))
    drawn = [[False] * len(matrix) for _ in matrix]
    for x, y, width, _height in recorder.rects:
        row = len(matrix) - 1 - round(y)
        for column in range(round(x), round(x + width)):
            assert not drawn[row][column], "modules drawn twice"
            drawn[row][column] = True
    assert drawn == matrix
    assert not any(matrix[0]), "the quiet zone is kept"


def test_the_petition_page_links_the_poster(client):
    make_petition(slug="with-poster")
    page = client.get("/ru/petitions/with-poster/").content.decode()
    assert 'href="/ru/petitions/with-poster/poster.pdf"' in page


def test_a_draft_has_no_poster(client):
    make_petition(slug="draft", state=Petition.State.DRAFT)
    assert client.get("/en/petitions/draft/poster.pdf").status_code == 404
