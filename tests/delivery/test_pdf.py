# ruff: noqa: RUF001 (Russian and Kazakh text, Cyrillic on purpose)
"""The streaming PDF writer (campaign.lib.pdf), read back with poppler's tools."""

import io
import shutil
import subprocess
import zlib

import pytest

from campaign.lib import pdf

KAZAKH = "Жаңаөзен: әділет үшін қол қойыңыз. ӘҒҚҢӨҰҮҺІ әғқңөұүһі"
RUSSIAN = "Подпишите петицию о расследовании событий в Жанаозене"


def poppler(tool, *args):
    """The output of one of poppler's tools (pdftotext writes to stdout given "-")."""
    if not shutil.which(tool):
        pytest.fail(f"{tool} is missing: .ci/run installs poppler-utils")
    command = [tool, *map(str, args)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def write(tmp_path, draw, title="Test"):
    path = tmp_path / "out.pdf"
    with path.open("wb") as output:
        writer = pdf.Writer(output, title=title)
        draw(writer)
        writer.close()
    return path


def test_kazakh_and_russian_text_comes_back_out(tmp_path):
    def draw(writer):
        with writer.page() as page:
            page.text(72, 770, KAZAKH, writer.font(700), 14)
            page.text(72, 740, RUSSIAN, writer.font(), 11)
        with writer.page() as page:
            page.text(72, 770, "Second page, курсив", writer.font(400, italic=True), 11)

    path = write(tmp_path, draw, title="Жаңаөзен")
    text = poppler("pdftotext", path, "-")
    assert KAZAKH in text
    assert RUSSIAN in text
    assert "Second page, курсив" in text
    assert text.count("\f") == 2
    assert "Жаңаөзен" in poppler("pdfinfo", path)


def test_fonts_are_embedded_subsets_with_unicode_maps(tmp_path):
    def draw(writer):
        with writer.page() as page:
            page.text(72, 770, KAZAKH, writer.font(), 12)
            page.text(72, 750, KAZAKH, writer.font(700), 12)

    path = write(tmp_path, draw)
    rows = poppler("pdffonts", path).splitlines()[2:]
    assert len(rows) == 2
    for row in rows:
        # name, type (two words), encoding, emb, sub, uni, object id
        name, *columns = row.split()[:7]
        assert name[6] == "+" and "NotoSerif" in name
        assert columns == ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"]
    # Subset: a page of text carries a few kilobytes of font, not the whole ~120 kB font.
    assert path.stat().st_size < 40_000


def test_pages_are_written_as_they_are_finished(tmp_path):
    output = io.BytesIO()
    writer = pdf.Writer(output)
    font = writer.font()
    with writer.page() as page:
        page.text(72, 770, "first", font, 12)
    after_first = len(output.getvalue())
    with writer.page() as page:
        page.text(72, 770, "second", font, 12)
    assert after_first > 0
    assert len(output.getvalue()) > after_first
    assert b"/Type /Page " in output.getvalue()[:after_first]
    writer.close()
    assert output.getvalue().endswith(b"%%EOF\n")
    assert writer.page_count == 2


def test_rectangles_and_lines_are_vector_operations(tmp_path):
    output = io.BytesIO()
    writer = pdf.Writer(output)
    with writer.page() as page:
        page.rect(10, 20, 5, 5)
        page.line(0, 0, 100, 0, width=2, colour=(1, 0, 0))
    writer.close()
    start = output.getvalue().index(b"stream\n") + len(b"stream\n")
    end = output.getvalue().index(b"\nendstream")
    content = zlib.decompress(output.getvalue()[start:end])
    assert content == b"0 0 0 rg 10 20 5 5 re f\n1 0 0 RG 2 w 0 0 m 100 0 l S"


def test_wrapping_uses_the_font_widths():
    output = io.BytesIO()
    font = pdf.Writer(output).font()
    text = "Мы требуем независимого расследования " * 6
    lines = font.wrap(text.strip(), 11, 200)
    assert len(lines) > 3
    assert all(font.width(line, 11) <= 200 for line in lines)
    assert " ".join(lines).split() == text.split()
    # Wider letters make a wider line: widths come from the font, not a fixed guess.
    assert font.width("Ш", 10) > font.width("і", 10) * 2
    assert font.wrap("Ж" * 60, 11, 100)[0] == "Ж" * len(font.wrap("Ж" * 60, 11, 100)[0])
