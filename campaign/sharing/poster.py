"""The petition's poster: one A4 page to print and pin up, in the language it was asked for.

The call (the date, the petition's title and to whom it goes), a short text (the first
paragraph of the petition's summary and its first demands, as the petition states them in that
language), and a QR code to the petition in the same language. Drawn with the site's PDF writer
(campaign.lib.pdf) in the site's own font, embedded, so Kazakh and Russian print as they read
on the site; the code's dark modules are vector rectangles, sharp at any printer's resolution.
"""

import io

import segno
from django.core.cache import cache
from django.utils.translation import gettext

from campaign.lib import pdf
from campaign.petitions.models import Petition
from campaign.sharing.links import absolute

INK = (0.114, 0.122, 0.129)
ACCENT = (0.541, 0.110, 0.110)
MUTED = (0.318, 0.337, 0.357)
MARGIN = 20 * pdf.MM
QR_SIDE = 60 * pdf.MM
# A QR reader needs four empty modules around the code.
QR_BORDER = 4
DEMANDS_SHOWN = 3
POSTER_SECONDS = 24 * 3600


def qr_matrix(url: str) -> list[list[bool]]:
    """The code's modules, quiet zone included, top row first; True is dark."""
    code = segno.make(url, error="m")
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QR_BORDER)]


def draw_qr(page: pdf.Page, matrix: list[list[bool]], x: float, y: float, side: float) -> None:
    """The code with its top-left corner at (x, y + side). Each run of dark modules in a row is
    one rectangle: fewer operations than one a module, and no hairline seams between them."""
    module = side / len(matrix)
    for row_index, row in enumerate(matrix):
        top = y + side - (row_index + 1) * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            page.rect(x + start * module, top, (column - start) * module, module, INK)


class Flow:
    """Lines set downwards from the top of the page."""

    def __init__(self, page: pdf.Page, y: float, width: float) -> None:
        self.page = page
        self.y = y
        self.width = width

    def paragraph(self, text, font, size, colour=INK, indent=0.0, after=0.5, first=""):
        lines = font.wrap(text, size, self.width - indent)
        for number, line in enumerate(lines):
            self.y -= size * 1.3
            if number == 0 and first:
                self.page.text(MARGIN, self.y, first, font, size, colour)
            self.page.text(MARGIN + indent, self.y, line, font, size, colour)
        self.y -= size * after


def write_poster(output, petition: Petition, url: str) -> None:
    """The poster of `petition` in the active language, linking to `url`."""
    writer = pdf.Writer(output, title=petition.title)
    regular, bold = writer.font(), writer.font(700)
    with writer.page() as page:
        page.rect(0, page.height - 8 * pdf.MM, page.width, 8 * pdf.MM, ACCENT)
        flow = Flow(page, page.height - MARGIN - 8 * pdf.MM, page.width - 2 * MARGIN)
        flow.paragraph(gettext("Zhanaozen, 16 December 2011"), regular, 14, ACCENT, after=0.8)
        flow.paragraph(petition.title, bold, 28, after=0.6)
        addressees = gettext("To: %(addressees)s") % {"addressees": petition.addressees}
        flow.paragraph(addressees, regular, 12, MUTED, after=1.2)
        summary = petition.summary.split("\n\n")[0].strip()
        flow.paragraph(summary, regular, 12.5, after=1.2)
        flow.paragraph(
            gettext("We call for an independent international commission to answer:"),
            bold,
            12.5,
            after=0.4,
        )
        for number, demand in enumerate(petition.demand_items()[:DEMANDS_SHOWN], start=1):
            flow.paragraph(demand, regular, 12.5, indent=7 * pdf.MM, after=0.3, first=f"{number}.")

        qr_y = MARGIN + 12 * pdf.MM
        draw_qr(page, qr_matrix(url), page.width - MARGIN - QR_SIDE, qr_y, QR_SIDE)
        caption_width = page.width - 2 * MARGIN - QR_SIDE - 6 * pdf.MM
        caption = Flow(page, qr_y + QR_SIDE - 4 * pdf.MM, caption_width)
        caption.paragraph(gettext("Sign the petition"), bold, 22, ACCENT, after=0.6)
        caption.paragraph(
            gettext("Scan the code, or type the address below into a browser."), regular, 12
        )
        caption.paragraph(
            gettext("Only signatures confirmed by e-mail are counted."), regular, 11, MUTED
        )
        page.text(MARGIN, MARGIN, url, regular, 11, INK)
    writer.close()


def poster_pdf(petition: Petition, language: str) -> bytes:
    """The poster in `language` (the active one), drawn once a day or after an edit."""
    edited = petition.updated_at.timestamp()
    key = f"sharing:poster:{petition.slug}:{edited}:{language}"
    body = cache.get(key)
    if body is None:
        output = io.BytesIO()
        write_poster(output, petition, absolute(petition.get_absolute_url()))
        body = output.getvalue()
        cache.set(key, body, POSTER_SECONDS)
    return body
