"""The daily tally: each petition's confirmed count, one entry per day, in a hash chain.

The rule, published with the chain (docs/DECISIONS.md, the tally page):

- An entry for day D holds the petition's slug, D (ISO 8601), the count of its confirmed
  signatures that were confirmed before the end of D in TIME_ZONE (Asia/Aqtau), the change
  from the entry before (from 0 for the first entry) and the previous entry's hash
  (GENESIS, 64 zeros, for the first).
- Its hash is the SHA-256, in lowercase hex, of those five fields serialised as JSON with
  sorted keys, no spaces (separators "," and ":") and ASCII only:
  {"change":3,"count":120,"date":"2026-11-26","petition":"slug","previous_hash":"00…0"}
- Entries are written for days that are over, one per day from the day the petition opened,
  without gaps: a day the job missed is written by the next run, counted by the same rule.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from django.db import transaction
from django.utils import timezone

from campaign.petitions.models import Petition, Signature
from campaign.tally.models import Entry

GENESIS = "0" * 64
RULE = (
    "hash = SHA-256, in lowercase hex, of the JSON object of an entry's change, count, date,"
    " petition and previous_hash, with sorted keys, the separators ',' and ':' and ASCII only;"
    " previous_hash is the hash of the entry before, or the genesis value for the first entry;"
    " count is the petition's signatures confirmed by e-mail before the end of date in time_zone"
)


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode(
        "ascii"
    )


def digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(fields)).hexdigest()


def end_of(day: date) -> datetime:
    """Midnight after `day` in TIME_ZONE: the site's days are Zhanaozen's, whatever the
    server's clock or the active language's time zone."""
    return datetime.combine(day + timedelta(days=1), time.min, timezone.get_default_timezone())


def last_closed_day() -> date:
    """Yesterday in TIME_ZONE: the latest day whose count can no longer grow."""
    return timezone.localdate(timezone=timezone.get_default_timezone()) - timedelta(days=1)


class DayNotOver(ValueError):
    pass


def count_at_close(petition: Petition, day: date) -> int:
    """The petition's confirmed signatures, counted from the rows rather than the count
    shards or the cache (the truth campaign.petitions.reconcile restores the shards to),
    so the tally does not depend on when the daily jobs run relative to each other."""
    return (
        Signature.objects.confirmed()
        .filter(petition=petition, confirmed_at__lt=end_of(day))
        .count()
    )


def record(through: date) -> list[Entry]:
    """Append every public petition's entries up to `through`, a day that is over.

    Idempotent: a day already in a chain is skipped. A petition's chain starts on the day it
    opened, and whatever days are missing since its last entry are written now, in order.
    """
    if through > last_closed_day():
        raise DayNotOver(f"{through.isoformat()} is not over yet in the site's time zone")
    petitions = Petition.objects.public().filter(opens_at__lt=end_of(through)).order_by("pk")
    return [entry for petition in petitions for entry in record_petition(petition, through)]


def record_petition(petition: Petition, through: date) -> list[Entry]:
    with transaction.atomic():
        # Two runs at once (a timer and a person) queue here; the unique constraints would
        # stop the second anyway, with an error rather than nothing to do.
        Petition.objects.select_for_update().only("pk").get(pk=petition.pk)
        last = petition.tally_entries.order_by("-date").first()
        if last is None:
            first_day = timezone.localdate(petition.opens_at, timezone.get_default_timezone())
            previous_hash, previous_count = GENESIS, 0
        else:
            first_day = last.date + timedelta(days=1)
            previous_hash, previous_count = last.hash, last.count
        entries = []
        day = first_day
        while day <= through:
            count = count_at_close(petition, day)
            entry = Entry(
                petition=petition,
                slug=petition.slug,
                date=day,
                count=count,
                change=count - previous_count,
                previous_hash=previous_hash,
            )
            entry.hash = digest(entry.hashed_fields())
            entry.save(force_insert=True)
            entries.append(entry)
            previous_hash, previous_count = entry.hash, count
            day += timedelta(days=1)
    return entries


@dataclass(frozen=True)
class Break:
    """The first entry of a chain that does not follow the rule, and why."""

    entry: Entry
    reason: str

    def __str__(self) -> str:
        entry = self.entry
        return f"{entry.slug} {entry.date.isoformat()} (entry {entry.pk}): {self.reason}"


def first_break(entries: Iterable[Entry]) -> Break | None:
    """Walk one petition's chain, oldest first. An edited entry no longer matches its hash;
    a deleted, inserted or reordered one breaks the link to the entry before it."""
    previous: Entry | None = None
    for entry in entries:
        expected_previous = previous.hash if previous else GENESIS
        if entry.previous_hash != expected_previous:
            return Break(entry, "its previous hash is not the hash of the entry before it")
        if digest(entry.hashed_fields()) != entry.hash:
            return Break(entry, "its hash does not match its contents")
        if entry.change != entry.count - (previous.count if previous else 0):
            return Break(entry, "its change is not its count minus the previous count")
        if previous and entry.date != previous.date + timedelta(days=1):
            return Break(entry, "its date is not the day after the entry before it")
        previous = entry
    return None


def chains() -> Iterator[tuple[int, list[Entry]]]:
    """(petition id, its entries oldest first) for every petition with a tally."""
    entries = Entry.objects.order_by("petition_id", "date", "pk").iterator()
    for petition_id, group in groupby(entries, key=lambda entry: entry.petition_id):
        yield petition_id, list(group)


def verify() -> tuple[int, list[Break]]:
    """(entries checked, the first break of each broken chain)."""
    checked, breaks = 0, []
    for _petition_id, entries in chains():
        checked += len(entries)
        broken = first_break(entries)
        if broken:
            breaks.append(broken)
    return checked, breaks


def published(petition: Petition) -> dict[str, Any]:
    """The chain as tally.json serves it: everything needed to check it without this code."""
    return {
        "petition": petition.slug,
        "time_zone": timezone.get_default_timezone_name(),
        "rule": RULE,
        "genesis": GENESIS,
        "entries": [entry.published() for entry in petition.tally_entries.order_by("date")],
    }
