"""verify_tally: a chain edited, cut or reordered behind the application's back (raw SQL) is
caught, and the first entry that no longer follows is named."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from campaign.tally import chain
from campaign.tally.models import Entry
from tests.campaign.factories import make_petition
from tests.tally.conftest import DAYS, at, confirm_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(petition):
    """Three days of two petitions' chains, oldest first for the first petition."""
    other = make_petition(slug="other-petition", opens_at=at(DAYS[0], 0))
    for n, day in enumerate(DAYS, start=1):
        confirm_on(petition, at(day), n)
        confirm_on(other, at(day))
        chain.record(day)
    return list(petition.tally_entries.order_by("date"))


def raw(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", Entry._meta.db_table), params)


def verify():
    """(exit error or None, what the command wrote to stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_tally", stdout=out, stderr=err)
    except CommandError as error:
        return str(error), err.getvalue()
    return None, out.getvalue()


def named(entry):
    return f"tally-petition {entry.date.isoformat()} (entry {entry.pk})"


def test_an_intact_chain_passes(entries):
    assert verify() == (None, "6 tally entries checked: every chain holds.\n")


def test_editing_one_past_count_is_detected_and_that_entry_named(entries):
    raw("UPDATE {table} SET count = count + 1 WHERE id = %s", entries[1].pk)

    error, err = verify()

    assert error == f"1 tally chain(s) broken; first: {named(entries[1])}: " + (
        "its hash does not match its contents"
    )
    assert err.splitlines() == [
        f"Broken: {named(entries[1])}: its hash does not match its contents"
    ]


def test_editing_a_count_and_its_change_together_is_detected_as_well(entries):
    raw("UPDATE {table} SET count = count + 5, change = change + 5 WHERE id = %s", entries[0].pk)

    error, _err = verify()

    assert named(entries[0]) in error


def test_recomputing_the_edited_entrys_own_hash_breaks_the_link_after_it(entries):
    edited = entries[0]
    edited.count += 100
    edited.change += 100
    raw(
        "UPDATE {table} SET count = %s, change = %s, hash = %s WHERE id = %s",
        edited.count,
        edited.change,
        chain.digest(edited.hashed_fields()),
        edited.pk,
    )

    error, _err = verify()

    assert error.endswith(
        f"{named(entries[1])}: its previous hash is not the hash of the entry before it"
    )


def test_deleting_an_entry_is_detected_at_the_one_after_it(entries):
    raw("DELETE FROM {table} WHERE id = %s", entries[1].pk)

    error, _err = verify()

    assert error.endswith(
        f"{named(entries[2])}: its previous hash is not the hash of the entry before it"
    )


def test_deleting_the_first_entry_is_detected(entries):
    raw("DELETE FROM {table} WHERE id = %s", entries[0].pk)

    error, _err = verify()

    assert named(entries[1]) in error


def test_reordering_two_entries_is_detected(entries):
    first, second = entries[0], entries[1]
    # Swap their dates through a free one, as the unique (petition, date) index requires.
    raw("UPDATE {table} SET date = %s WHERE id = %s", "2000-01-01", first.pk)
    raw("UPDATE {table} SET date = %s WHERE id = %s", first.date.isoformat(), second.pk)
    raw("UPDATE {table} SET date = %s WHERE id = %s", second.date.isoformat(), first.pk)

    error, _err = verify()

    # The second entry now comes first, and does not start from the genesis hash.
    assert error == (
        "1 tally chain(s) broken; first: tally-petition "
        f"{first.date.isoformat()} (entry {second.pk}): "
        "its previous hash is not the hash of the entry before it"
    )


def test_every_broken_chain_is_reported(entries):
    other = Entry.objects.filter(slug="other-petition").order_by("date").last()
    raw("UPDATE {table} SET count = count - 1 WHERE id IN (%s, %s)", entries[2].pk, other.pk)

    error, err = verify()

    assert error.startswith("2 tally chain(s) broken")
    assert len(err.splitlines()) == 2
