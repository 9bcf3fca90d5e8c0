"""The CSV of a petition's confirmed signatures, for delivery to its addressees.

Streamed: rows are read from the database a chunk at a time and sent as they are written, so
memory stays flat whether the petition has a hundred signers or a million. Cells that a
spreadsheet would run as a formula are neutralised. The export is recorded in an ExportLog
when it starts; the number of rows sent is written when it ends or is cut off.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.petitions.models import ExportLog

CHUNK_ROWS = 2000

# A spreadsheet treats a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell as text, with a leading apostrophe when it could start a formula."""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def header():
    return [_("name"), _("city"), _("country"), _("date")]


def signature_rows(petition):
    """(name or "name withheld", city, country, date confirmed) in signing order.

    The town goes only beside a public name, as the form promises: a signer who chose not to
    be named could be picked out by a small town and the date."""
    withheld = _("name withheld")
    rows = (
        petition.signatures.confirmed()
        .order_by("pk")
        .values_list("name", "show_name", "city", "country", "confirmed_at")
    )
    for name, show_name, city, country, confirmed_at in rows.iterator(chunk_size=CHUNK_ROWS):
        yield (
            name if show_name else withheld,
            city if show_name else "",
            country,
            timezone.localdate(confirmed_at).isoformat(),
        )


def start(petition, user):
    return ExportLog.objects.create(
        user=user,
        username=user.get_username(),
        petition=petition,
        petition_title=petition.title,
    )


def stream_csv(petition, log):
    """Yield the CSV in pieces of CHUNK_ROWS lines; record in the log how many rows went out,
    and when the export finished if it was not cut off."""
    buffer = io.StringIO()
    # A byte-order mark, so that spreadsheet programs read the Cyrillic names as UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header())
    sent = 0
    finished = False
    try:
        for row in signature_rows(petition):
            writer.writerow([neutralise(cell) for cell in row])
            sent += 1
            if sent % CHUNK_ROWS == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
        finished = True
    finally:
        changes = {"rows": sent}
        if finished:
            changes["finished_at"] = timezone.now()
        ExportLog.objects.filter(pk=log.pk).update(**changes)
