"""The delivery dossier: a PDF for handing the petition over, with the CSV it vouches for.

The CSV is the admin's export of the confirmed signatures (campaign.petitions.export, byte for
byte: the same rows, columns, byte-order mark and neutralised cells, recorded in the export
log), written to disk while its SHA-256 is computed. Everything the PDF says about the signers
is then read back from that file: the count, the count by country (folded as on the site) and
the names of those who chose to be named, with their town where they gave one. So the PDF and
the CSV cannot disagree, and the digest printed in the PDF is the digest of the file handed
over with it (`sha256sum` on it gives the same).

Memory stays flat: the export reads the database CHUNK_ROWS rows at a time, the CSV is read
back line by line, and campaign.lib.pdf writes each page as soon as it is full.
"""

import csv
import hashlib
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as datetime_date
from datetime import datetime
from pathlib import Path
from typing import IO

from django.conf import settings
from django.contrib.admin.models import CHANGE
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.delivery import paper
from campaign.lib import pdf
from campaign.lib.audit import log_bulk
from campaign.petitions import export, stats
from campaign.petitions.countries import country_name
from campaign.petitions.models import Petition

# The dossier holds the signers' names and comes with the export: it takes the export right.
PERMISSION = "campaign.export_signatures"

MARGIN = 20 * pdf.MM
BODY = 10.5
SMALL = 8.5
NAME_SIZE = 9
COLUMNS = 2
COLUMN_GAP = 8 * pdf.MM
GREY = (0.35, 0.35, 0.35)


@dataclass
class Signers:
    """What the PDF says about the signers, read from the CSV."""

    total: int
    countries: list[tuple[str, int]]
    other: int
    named: int


def build(petition: Petition, languages: list[str], user, directory: Path) -> tuple[Path, Path]:
    """Write `<slug>-signatures.csv` and `<slug>-dossier.pdf` into `directory`; the dossier
    speaks the first of `languages` and gives the petition's text in each of them."""
    with translation.override(languages[0]):
        csv_path = directory / f"{petition.slug}-signatures.csv"
        log = export.start(petition, user)
        digest = write_csv(petition, log, csv_path)
        log_bulk(
            user,
            [petition],
            CHANGE,
            _("Generated the delivery dossier (export %(id)d)") % {"id": log.pk},
        )
        pdf_path = directory / f"{petition.slug}-dossier.pdf"
        with pdf_path.open("wb") as output:
            write_pdf(petition, languages, csv_path, digest, output)
    return pdf_path, csv_path


def zipped(petition: Petition, languages: list[str], user) -> IO[bytes]:
    """The dossier and its CSV in one ZIP, as an anonymous temporary file (gone once closed)."""
    # Closed by the caller: the response that sends it.
    archive = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115
    with tempfile.TemporaryDirectory() as directory:
        files = build(petition, languages, user, Path(directory))
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in files:
                bundle.write(path, path.name)
    archive.seek(0)
    return archive


def write_csv(petition: Petition, log, path: Path) -> str:
    """The export, streamed to `path`; returns the SHA-256 of the bytes written."""
    digest = hashlib.sha256()
    with path.open("wb") as output:
        for piece in export.stream_csv(petition, log):
            data = piece.encode("utf-8")
            digest.update(data)
            output.write(data)
    return digest.hexdigest()


def csv_rows(path: Path) -> Iterator[list[str]]:
    """The CSV's rows (name, city, country, date) after its header, one at a time."""
    with path.open(encoding="utf-8-sig", newline="") as source:
        rows = csv.reader(source)
        next(rows)
        yield from rows


def named_rows(path: Path) -> Iterator[tuple[str, str, str]]:
    """(name, city, country) of the signers who chose to be named, in signing order."""
    withheld = _("name withheld")
    for name, city, country, _date in csv_rows(path):
        if name != withheld:
            yield unneutralised(name), unneutralised(city), country


def unneutralised(cell: str) -> str:
    """A cell as the signer typed it: the export's apostrophe before = + - @ taken off."""
    if cell.startswith("'") and cell[1:].startswith(export.FORMULA_STARTS):
        return cell[1:]
    return cell


def count_signers(path: Path) -> Signers:
    """The count by country with small countries folded, as the petition page folds them
    (campaign.petitions.stats), here over the rows of the CSV."""
    by_country: Counter[str] = Counter()
    named = 0
    withheld = _("name withheld")
    for name, _city, country, _date in csv_rows(path):
        by_country[country] += 1
        named += name != withheld
    shown = sorted(
        ((code, n) for code, n in by_country.items() if n >= stats.MIN_COUNTRY_SIGNERS),
        key=lambda item: (-item[1], item[0]),
    )
    other = sum(n for n in by_country.values() if n < stats.MIN_COUNTRY_SIGNERS)
    return Signers(sum(by_country.values()), shown, other, named)


class Flow:
    """Text set from the top of a page down, onto a new page when it is full; every page
    gets the footer."""

    def __init__(self, writer: pdf.Writer, footer: str) -> None:
        self.writer = writer
        self.footer = footer
        self.regular = writer.font()
        self.bold = writer.font(700)
        self.italic = writer.font(400, italic=True)
        self.width = writer.size[0] - 2 * MARGIN
        self.page: pdf.Page | None = None
        self.y = 0.0

    def top(self) -> float:
        return self.writer.size[1] - MARGIN

    def current(self) -> pdf.Page:
        if self.page is None:
            self.page = self.writer.new_page()
            self.y = self.top()
        return self.page

    def break_page(self) -> None:
        if self.page is not None:
            number = self.writer.page_count + 1
            self.page.text(MARGIN, MARGIN / 2, self.footer, self.regular, SMALL, GREY)
            label = _("Page %(number)d") % {"number": number}
            width = self.regular.width(label, SMALL)
            self.page.text(
                self.writer.size[0] - MARGIN - width, MARGIN / 2, label, self.regular, SMALL, GREY
            )
            self.writer.finish(self.page)
        self.page = None

    def room(self, height: float) -> pdf.Page:
        """The current page if `height` more points fit on it, else a new one."""
        page = self.current()
        if self.y - height < MARGIN and self.y < self.top():
            self.break_page()
            page = self.current()
        return page

    def paragraph(
        self,
        text: str,
        size: float = BODY,
        font: pdf.Font | None = None,
        indent: float = 0,
        after: float = 4,
    ) -> None:
        font = font or self.regular
        leading = size * 1.35
        for line in font.wrap(text, size, self.width - indent):
            page = self.room(leading)
            self.y -= leading
            page.text(MARGIN + indent, self.y, line, font, size)
        self.y -= after

    def heading(self, text: str, size: float = 13) -> None:
        self.room(size * 4)  # a heading is not left alone at the foot of a page
        self.y -= size * 0.6
        self.paragraph(text, size, self.bold, after=size * 0.3)

    def row(self, left: str, right: str, size: float = BODY) -> None:
        """A label with a figure aligned to the right margin, beside its last line: a long
        label (a place, a country's name) wraps short of the figure."""
        leading = size * 1.35
        width = self.regular.width(right, size)
        lines = self.regular.wrap(left, size, self.width - width - 6 * pdf.MM)
        for line in lines:
            page = self.room(leading)
            self.y -= leading
            page.text(MARGIN, self.y, line, self.regular, size)
        page.text(MARGIN + self.width - width, self.y, right, self.regular, size)

    def columns(self, lines: Iterator[str], size: float = NAME_SIZE) -> None:
        """Short entries in COLUMNS columns, down each column then across, page after page;
        an entry too long for its column is wrapped within it."""
        leading = size * 1.3
        column_width = (self.width - COLUMN_GAP * (COLUMNS - 1)) / COLUMNS
        column = 0
        self.room(leading * 3)
        start = self.y
        for entry in lines:
            wrapped = self.regular.wrap(entry, size, column_width)
            if self.y - leading * len(wrapped) < MARGIN:
                column += 1
                if column == COLUMNS:
                    self.break_page()
                    self.current()
                    column = 0
                    start = self.y
                self.y = start
            page = self.current()
            for line in wrapped:
                self.y -= leading
                x = MARGIN + column * (column_width + COLUMN_GAP)
                page.text(x, self.y, line, self.regular, size)

    def new_section(self) -> None:
        """Start on a fresh page (nothing to do if the current one is still empty)."""
        if self.page is not None and self.y < self.top():
            self.break_page()


def write_pdf(
    petition: Petition, languages: list[str], csv_path: Path, digest: str, output
) -> None:
    signers = count_signers(csv_path)
    writer = pdf.Writer(output, title=_("Delivery dossier: %(title)s") % {"title": petition.title})
    title = petition.title if len(petition.title) <= 60 else petition.title[:59] + "…"
    flow = Flow(writer, f"{title} · SHA-256 {digest[:16]}…")
    now = timezone.localtime()

    flow.paragraph(_("Delivery dossier"), 11, flow.italic)
    flow.paragraph(petition.title, 18, flow.bold, after=6)
    flow.paragraph(_("Addressed to: %(addressees)s") % {"addressees": petition.addressees})
    flow.row(_("Opened"), date(petition.opens_at))
    flow.row(*closing(petition, now))
    flow.row(_("This dossier was generated"), formats.date_format(now, "DATETIME_FORMAT"))

    flow.heading(_("Confirmed signatures"))
    flow.row(_("Signatures confirmed by e-mail"), number(signers.total))
    flow.paragraph(
        _(
            "Each signer gave an e-mail address and confirmed the signature from a link sent "
            "to it. One signature per address. Countries with fewer than %(min)d signers are "
            "counted together, so that nobody can be picked out."
        )
        % {"min": stats.MIN_COUNTRY_SIGNERS},
        SMALL,
        flow.italic,
    )
    for code, count in signers.countries:
        flow.row(str(country_name(code)), number(count))
    if signers.other:
        flow.row(_("Other countries"), number(signers.other))

    batches = paper.paper_batches(petition)
    flow.heading(_("Signatures collected on paper"))
    if batches:
        flow.row(_("Signatures on paper"), number(sum(batch.count for batch in batches)))
        flow.paragraph(
            _(
                "Counted separately and not included in the confirmed signatures above: they "
                "were not confirmed by e-mail. The scanned sheets are kept as referenced."
            ),
            SMALL,
            flow.italic,
        )
        for batch in batches:
            when = date(batch.collected_from)
            if batch.collected_until and batch.collected_until != batch.collected_from:
                when = f"{when} \u2013 {date(batch.collected_until)}"
            flow.row(f"{batch.place}, {when}", number(batch.count))
            flow.paragraph(_("Scans: %(reference)s") % {"reference": batch.scans}, SMALL, indent=12)
    else:
        flow.paragraph(_("None recorded."))

    flow.heading(_("How to check the list of signatures"))
    flow.paragraph(
        _(
            "The file %(file)s, given with this dossier, lists every confirmed signature: the "
            "name (or “name withheld” where the signer chose not to be named), the town where "
            "the signer chose to show it, the country and the date of confirmation. It "
            "contains no e-mail addresses. Its SHA-256 digest is:"
        )
        % {"file": csv_path.name}
    )
    flow.paragraph(digest, 9.5, flow.bold)
    flow.paragraph(
        _("Compute it with, for example, “sha256sum %(file)s”: the two must be equal.")
        % {"file": csv_path.name},
        SMALL,
        flow.italic,
    )

    for language in languages:
        flow.new_section()
        with translation.override(language):
            petition_text(flow, petition, language)

    flow.new_section()
    flow.heading(
        ngettext(
            "%(count)s signer chose to be named",
            "%(count)s signers chose to be named",
            signers.named,
        )
        % {"count": number(signers.named)}
    )
    flow.paragraph(
        _("In the order they signed; the town where they chose to show it."), SMALL, flow.italic
    )
    flow.columns(
        f"{name}, {city} ({country})" if city else f"{name} ({country})"
        for name, city, country in named_rows(csv_path)
    )
    flow.break_page()
    writer.close()


def petition_text(flow: Flow, petition: Petition, language: str) -> None:
    """The petition as its page shows it in `language` (English where not translated)."""
    name = dict(settings.LANGUAGES)[language]
    flow.paragraph(_("The petition, in %(language)s") % {"language": name}, 11, flow.italic)
    if not getattr(petition, f"demands_{language}"):
        flow.paragraph(
            _("This text is not yet translated; here it is in English."), SMALL, flow.italic
        )
    flow.paragraph(petition.title, 16, flow.bold, after=6)
    flow.paragraph(_("To: %(addressees)s") % {"addressees": petition.addressees}, after=8)
    for paragraph in petition.summary.split("\n\n"):
        flow.paragraph(" ".join(paragraph.split()), after=6)
    flow.heading(_("We call for an independent international commission to answer:"), 11)
    for index, demand in enumerate(petition.demand_items(), 1):
        flow.paragraph(f"{index}. {demand}")
    if petition.source_items():
        flow.heading(_("Sources"), 10)
        for source in petition.source_items():
            flow.paragraph(source, SMALL)


def closing(petition: Petition, now: datetime) -> tuple[str, str]:
    """The closing line: when it closed, or when it will."""
    if petition.closes_at and petition.closes_at <= now:
        return _("Closed"), date(petition.closes_at)
    if petition.state == Petition.State.CLOSED:
        return _("Closed"), _("before its closing date")
    if petition.closes_at:
        return _("Open until"), date(petition.closes_at)
    return _("Open"), _("no closing date")


def date(value: datetime | datetime_date) -> str:
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return formats.date_format(value, "DATE_FORMAT")


def number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)
