"""A small PDF writer that streams: each page goes to the output as soon as it is finished.

fpdf2 and reportlab hold the whole document until the end, which for a delivery dossier of
100,000 names means hundreds of megabytes. Here a page's content lives in memory only while it
is drawn; the writer keeps the byte offset of every object written (two small integers a page)
and, at `close()`, writes the fonts, the page tree, the cross-reference table and the trailer.

Text uses the site's own font (campaign.lib.fonts) embedded as a Type0 font (a CIDFontType2
with Identity-H: two bytes per glyph id, so any glyph of the font can be shown) with a ToUnicode
map, so that copying or `pdftotext` gives the Kazakh and Russian letters back. At the end the
font is subset to the glyphs used, keeping their ids, which the pages already refer to. There
is no shaping: one character, one glyph, which suits Latin and Cyrillic. A character the font
lacks is drawn as its empty box (.notdef) and still extracted correctly.

Coordinates are PDF points (1/72 inch) from the page's bottom-left corner.
"""

import hashlib
import io
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import BinaryIO

from fontTools import subset
from fontTools.ttLib import TTFont

from campaign.lib import fonts

A4 = (595.28, 841.89)
MM = 72 / 25.4
BLACK = (0.0, 0.0, 0.0)
Colour = tuple[float, float, float]

# The subsetter reports every table it prunes at INFO, a screenful per document.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)


class Font:
    """One style of the site's font: its metrics, and the glyphs the document has used."""

    def __init__(self, path: Path, resource: str) -> None:
        self.path = path
        self.resource = resource
        ttf = TTFont(path, lazy=True)
        self.units = ttf["head"].unitsPerEm
        self.postscript_name = str(ttf["name"].getDebugName(6) or "NotoSerif").replace(" ", "")
        self.glyph_ids = {code: ttf.getGlyphID(name) for code, name in ttf.getBestCmap().items()}
        metrics = ttf["hmtx"].metrics
        self.advances = [metrics[name][0] for name in ttf.getGlyphOrder()]
        # Per character, for measuring a name's width with one C-level sum (a dossier measures
        # every name it sets).
        self.char_advances = {
            chr(code): self.advances[glyph] for code, glyph in self.glyph_ids.items()
        }
        self.char_codes = {chr(code): f"{glyph:04X}" for code, glyph in self.glyph_ids.items()}
        head, hhea, os2 = ttf["head"], ttf["hhea"], ttf["OS/2"]
        self.bbox = [self.scaled(v) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.ascent = self.scaled(hhea.ascent)
        self.descent = self.scaled(hhea.descent)
        self.cap_height = self.scaled(getattr(os2, "sCapHeight", hhea.ascent))
        self.italic_angle = float(ttf["post"].italicAngle)
        ttf.close()
        # Glyph id -> the text it stands for, for the ToUnicode map; bounded by the font's size.
        self.used: dict[int, str] = {0: ""}
        # Characters already noted, so that each line costs one set difference, not a lookup
        # per character.
        self.seen: set[str] = set()

    def scaled(self, value: float) -> int:
        """Font units as thousandths of the font size, the unit of PDF font metrics."""
        return round(value * 1000 / self.units)

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` set in `size` points."""
        units = sum(map(self.char_advances.get, text, repeat(self.advances[0])))
        return units * size / self.units

    def encode(self, text: str) -> bytes:
        """`text` as a hex string of glyph ids, noting each glyph used."""
        for char in set(text) - self.seen:
            self.seen.add(char)
            if glyph := self.glyph_ids.get(ord(char), 0):
                self.used[glyph] = char
        return b"<%s>" % "".join(map(self.char_codes.get, text, repeat("0000"))).encode()

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        """`text` broken into lines no wider than `width`, at spaces where possible; a word
        longer than a line is broken where it must be. Blank lines are kept."""
        # The usual case, a short name: one line (no line break in it: they are not printable).
        if text.isprintable() and self.width(text, size) <= width:
            return [text]
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = ""
                for char in word:
                    if line and self.width(line + char, size) > width:
                        lines.append(line)
                        line = ""
                    line += char
            lines.append(line)
        return lines


class Page:
    """The drawing operations of one page, kept until the page is written."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.fonts: set[str] = set()
        self.operations: list[bytes] = []

    def text(
        self,
        x: float,
        y: float,
        text: str,
        font: Font,
        size: float,
        colour: Colour = BLACK,
    ) -> None:
        """`text` on one line, its baseline starting at (x, y)."""
        self.fonts.add(font.resource)
        self.operations.append(
            b"BT %s rg /%s %s Tf %s %s Td %s Tj ET"
            % (
                _colour(colour),
                font.resource.encode(),
                _number(size),
                _number(x),
                _number(y),
                font.encode(text),
            )
        )

    def rect(self, x: float, y: float, width: float, height: float, colour: Colour = BLACK) -> None:
        """A filled rectangle (a QR code's module, a rule, a bar)."""
        self.operations.append(
            b"%s rg %s %s %s %s re f"
            % (_colour(colour), _number(x), _number(y), _number(width), _number(height))
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        width: float = 0.5,
        colour: Colour = BLACK,
    ) -> None:
        self.operations.append(
            b"%s RG %s w %s %s m %s %s l S"
            % (
                _colour(colour),
                _number(width),
                _number(x1),
                _number(y1),
                _number(x2),
                _number(y2),
            )
        )


class Writer:
    """A PDF written to `output` page by page; `close()` finishes the file.

    with open(path, "wb") as output:
        pdf = Writer(output, title="...")
        regular = pdf.font()
        with pdf.page() as page:
            page.text(72, 770, "Қазақша", regular, 12)
        pdf.close()
    """

    CATALOG, PAGES, RESOURCES, INFO = 1, 2, 3, 4

    def __init__(self, output: BinaryIO, title: str = "", size: tuple[float, float] = A4) -> None:
        self.output = output
        self.title = title
        self.size = size
        self.position = 0
        self.offsets: dict[int, int] = {}
        self.next_id = 5
        self.kids: list[int] = []
        self.fonts: dict[tuple[int, bool], Font] = {}
        self.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def font(self, weight: int = 400, italic: bool = False) -> Font:
        key = (weight, italic)
        if key not in self.fonts:
            self.fonts[key] = Font(fonts.ttf_path(weight, italic), f"F{len(self.fonts) + 1}")
        return self.fonts[key]

    @contextmanager
    def page(self) -> Iterator[Page]:
        """A new page, written out when the block ends."""
        page = self.new_page()
        yield page
        self.finish(page)

    def new_page(self) -> Page:
        """A page to draw on; nothing is written until `finish(page)`. For layouts that flow
        from page to page, where a `with` block per page does not fit."""
        return Page(*self.size)

    def finish(self, page: Page) -> None:
        """Write the page out; it is the next page of the document."""
        content = self.add_stream(b"\n".join(page.operations))
        page_id = self.add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources %d 0 R "
            b"/Contents %d 0 R >>"
            % (self.PAGES, _number(page.width), _number(page.height), self.RESOURCES, content)
        )
        self.kids.append(page_id)

    @property
    def page_count(self) -> int:
        return len(self.kids)

    def close(self) -> None:
        """Embed the fonts, subset to what was used; write the page tree, the catalog, the
        cross-reference table and the trailer."""
        font_refs = b" ".join(
            b"/%s %d 0 R" % (font.resource.encode(), self.embed(font))
            for font in self.fonts.values()
        )
        self.add(b"<< /Font << %s >> >>" % font_refs, self.RESOURCES)
        kids = b" ".join(b"%d 0 R" % kid for kid in self.kids)
        self.add(
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self.kids)),
            self.PAGES,
        )
        self.add(b"<< /Type /Catalog /Pages %d 0 R >>" % self.PAGES, self.CATALOG)
        created = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ").encode()
        self.add(
            b"<< /Title %s /Producer (campaign.lib.pdf) /CreationDate (%s) >>"
            % (_text_string(self.title), created),
            self.INFO,
        )
        xref = self.position
        count = self.next_id
        entries = [b"0000000000 65535 f \n"] + [
            b"%010d 00000 n \n" % self.offsets[number] for number in range(1, count)
        ]
        self.write(b"xref\n0 %d\n" % count + b"".join(entries))
        self.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (count, self.CATALOG, self.INFO, xref)
        )

    def write(self, data: bytes) -> None:
        self.output.write(data)
        self.position += len(data)

    def add(self, body: bytes, number: int | None = None) -> int:
        """Write an object (a new number, or one reserved in advance); return its number."""
        if number is None:
            number = self.next_id
            self.next_id += 1
        self.offsets[number] = self.position
        self.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        return number

    def add_stream(self, data: bytes, extra: bytes = b"") -> int:
        compressed = zlib.compress(data)
        return self.add(
            b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n%s\nendstream"
            % (len(compressed), extra, compressed)
        )

    def embed(self, font: Font) -> int:
        """The font's objects (subset program, descriptor, CID font, ToUnicode, Type0)."""
        program = subset_font(font.path, sorted(font.used))
        tag = "".join(chr(ord("A") + byte % 26) for byte in hashlib.sha256(program).digest()[:6])
        name = f"{tag}+{font.postscript_name}".encode()
        file_id = self.add_stream(program, b"/Length1 %d " % len(program))
        flags = 4 | (64 if font.italic_angle else 0)  # symbolic (glyph ids), italic
        descriptor = self.add(
            b"<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s] "
            b"/ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
            % (
                name,
                flags,
                b" ".join(b"%d" % v for v in font.bbox),
                _number(font.italic_angle),
                font.ascent,
                font.descent,
                font.cap_height,
                file_id,
            )
        )
        widths = b" ".join(
            b"%d [%d]" % (glyph, font.scaled(font.advances[glyph])) for glyph in sorted(font.used)
        )
        cid_font = self.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [%s] >>" % (name, descriptor, widths)
        )
        to_unicode = self.add_stream(to_unicode_cmap(font.used))
        return self.add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
            b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (name, cid_font, to_unicode)
        )


def subset_font(path: Path, glyphs: list[int]) -> bytes:
    """The TrueType program with only `glyphs` (ids unchanged) and the tables a PDF needs."""
    options = subset.Options()
    options.retain_gids = True
    options.notdef_outline = True
    options.layout_features = []
    options.name_IDs = [1, 2, 3, 4, 6]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "gasp"]
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=glyphs)
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def to_unicode_cmap(used: dict[int, str]) -> bytes:
    """The CMap that maps each glyph id back to its text, in blocks of 100 (the limit)."""
    pairs = [
        b"<%04X> <%s>" % (glyph, text.encode("utf-16-be").hex().upper().encode())
        for glyph, text in sorted(used.items())
        if text
    ]
    blocks = [
        b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), b"\n".join(chunk))
        for chunk in (pairs[i : i + 100] for i in range(0, len(pairs), 100))
    ]
    return b"\n".join(
        [
            b"/CIDInit /ProcSet findresource begin",
            b"12 dict begin",
            b"begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def",
            b"/CMapType 2 def",
            b"1 begincodespacerange",
            b"<0000> <FFFF>",
            b"endcodespacerange",
            *blocks,
            b"endcmap",
            b"CMapName currentdict /CMap defineresource pop",
            b"end",
            b"end",
        ]
    )


def _number(value: float) -> bytes:
    """A number as PDF writes it: no exponent, at most three decimals."""
    return (f"{value:.3f}".rstrip("0").rstrip(".") or "0").encode()


def _colour(colour: Colour) -> bytes:
    return b" ".join(_number(channel) for channel in colour)


def _text_string(text: str) -> bytes:
    """A document information string: UTF-16 with its byte-order mark, as hex."""
    return b"<FEFF%s>" % text.encode("utf-16-be").hex().upper().encode()
