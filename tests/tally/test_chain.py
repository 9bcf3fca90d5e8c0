"""record_tally: one entry per petition per day, counted at the end of the day in Zhanaozen
time, linked to the entry before, written once."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from campaign.petitions import caching
from campaign.petitions.models import Petition, SignatureCountShard
from campaign.tally import chain
from campaign.tally.models import Entry
from tests.campaign.factories import make_petition, make_signature
from tests.tally.conftest import DAYS, YESTERDAY, at, confirm_on

pytestmark = pytest.mark.django_db


def independent_hash(slug, day, count, change, previous_hash):
    """The documented rule, written out by hand rather than with the code under test."""
    text = (
        f'{{"change":{change},"count":{count},"date":"{day.isoformat()}",'
        f'"petition":"{slug}","previous_hash":"{previous_hash}"}}'
    )
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def test_each_day_appends_its_count_its_change_and_the_link_to_the_day_before(petition):
    confirm_on(petition, at(DAYS[0]), 2)
    confirm_on(petition, at(DAYS[1]), 3)

    for day in DAYS:
        chain.record(day)

    entries = list(Entry.objects.filter(petition=petition).order_by("date"))
    assert [(e.date, e.count, e.change) for e in entries] == [
        (DAYS[0], 2, 2),
        (DAYS[1], 5, 3),
        (DAYS[2], 5, 0),
    ]
    assert entries[0].previous_hash == "0" * 64
    assert [e.previous_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    for e in entries:
        assert e.hash == independent_hash(e.slug, e.date, e.count, e.change, e.previous_hash)


def test_a_day_ends_at_midnight_in_zhanaozen_not_on_the_servers_clock(petition):
    confirm_on(petition, at(DAYS[0], 23, 59))  # 18:59 UTC: still that day in Aqtau
    confirm_on(petition, at(DAYS[1], 0, 1))  # 19:01 UTC the day before: the next day there

    chain.record(DAYS[0])

    assert Entry.objects.get(petition=petition).count == 1


def test_only_confirmed_signatures_count_and_from_the_rows_not_the_counters_or_cache(petition):
    confirm_on(petition, at(DAYS[0]), 3)
    make_signature(petition, state="pending")
    make_signature(petition, state="rejected")
    # Counters drifted and a stale cached count: the tally must see neither.
    SignatureCountShard.objects.filter(petition=petition).update(count=40)
    cache.set(caching.count_key(petition.slug), 99)

    chain.record(DAYS[0])

    assert Entry.objects.get(petition=petition).count == 3


def test_a_signature_rejected_later_leaves_the_next_entry_one_lower(petition):
    first, _second = confirm_on(petition, at(DAYS[0]), 2)
    chain.record(DAYS[0])
    from campaign.petitions import signing

    signing.reject(first)
    chain.record(DAYS[1])

    assert [(e.count, e.change) for e in Entry.objects.order_by("date")] == [(2, 2), (1, -1)]


def test_running_again_the_same_day_adds_nothing(petition):
    confirm_on(petition, at(DAYS[0]))
    out = io.StringIO()
    call_command("record_tally", stdout=out)
    hashes = list(Entry.objects.values_list("hash", flat=True))

    call_command("record_tally", stdout=out)
    assert chain.record(YESTERDAY) == []

    assert list(Entry.objects.values_list("hash", flat=True)) == hashes
    assert Entry.objects.latest("date").date == YESTERDAY
    assert out.getvalue().splitlines()[-1] == "0 tally entries added."


def test_a_missed_day_is_written_on_the_next_run_counted_as_of_its_own_end(petition):
    confirm_on(petition, at(DAYS[0]))
    confirm_on(petition, at(DAYS[1]), 2)
    confirm_on(petition, at(DAYS[2]), 4)
    chain.record(DAYS[0])

    added = chain.record(DAYS[2])

    assert [(e.date, e.count, e.change) for e in added] == [(DAYS[1], 3, 2), (DAYS[2], 7, 4)]
    assert added[0].previous_hash == Entry.objects.get(date=DAYS[0]).hash


def test_a_chain_starts_on_the_day_its_petition_opened_and_drafts_have_none(db):
    opened = make_petition(slug="opens-later", opens_at=at(DAYS[1], 9))
    confirm_on(opened, at(DAYS[1], 10))
    draft = make_petition(slug="a-draft", state=Petition.State.DRAFT, opens_at=at(DAYS[0]))

    chain.record(DAYS[0])
    assert not Entry.objects.exists()
    chain.record(DAYS[2])

    entries = list(opened.tally_entries.order_by("date"))
    assert [(e.date, e.count, e.change) for e in entries] == [(DAYS[1], 1, 1), (DAYS[2], 1, 0)]
    assert entries[0].previous_hash == chain.GENESIS
    assert not draft.tally_entries.exists()


def test_a_day_that_is_not_over_is_refused(petition):
    today = YESTERDAY + timedelta(days=1)

    with pytest.raises(chain.DayNotOver):
        chain.record(today)
    with pytest.raises(CommandError, match="not over yet"):
        call_command("record_tally", "--through", today.isoformat())
    assert not Entry.objects.exists()


def test_the_command_records_the_day_given_and_says_what_it_added(petition):
    confirm_on(petition, at(DAYS[0]), 2)
    out = io.StringIO()

    call_command("record_tally", "--through", DAYS[0].isoformat(), stdout=out)

    entry = Entry.objects.get()
    assert out.getvalue().splitlines() == [
        f"tally-petition {DAYS[0].isoformat()}: 2, change +2, hash {entry.hash}",
        "1 tally entry added.",
    ]
