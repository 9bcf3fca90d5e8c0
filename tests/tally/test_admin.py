"""The tally in the admin: every member of staff may read it; nobody may add, change or delete
an entry there, the superuser included."""

import pytest
from django.urls import reverse

from campaign.tally import chain
from campaign.tally.models import Entry
from tests.staff.otp import verified_login
from tests.tally.conftest import DAYS, at, confirm_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(petition):
    confirm_on(petition, at(DAYS[0]), 2)
    chain.record(DAYS[0])
    return Entry.objects.get()


def test_visitors_are_sent_to_the_login(client, entry):
    response = client.get(reverse("admin:tally_entry_changelist"))

    assert response.status_code == 302
    assert Entry.objects.count() == 1


@pytest.mark.parametrize("user", ["moderator", "campaign_lead", "editor", "superuser"])
def test_staff_read_the_entries_and_cannot_add_change_or_delete_one(client, entry, user, request):
    verified_login(client, request.getfixturevalue(user))
    change = reverse("admin:tally_entry_change", args=[entry.pk])

    listing = client.get(reverse("admin:tally_entry_changelist"))
    detail = client.get(change)

    assert listing.status_code == 200
    assert entry.hash in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:tally_entry_add")).status_code == 403
    assert client.post(change, {"count": 999, "change": 997}).status_code == 403
    deleted = client.post(reverse("admin:tally_entry_delete", args=[entry.pk]), {"post": "yes"})
    assert deleted.status_code == 403
    assert Entry.objects.get().count == 2
