import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from campaign.petitions.models import Petition, Signature
from campaign.petitions.timebuckets import hour_of
from tests.moderation.conftest import admin_url, bulk_signatures, digest_of

pytestmark = pytest.mark.django_db

CHANGELIST = "campaign_signature_changelist"
INVALIDATE = "campaign_signature_invalidate"
BOT = "b" * 64


@pytest.fixture
def hour():
    return hour_of(timezone.now() - timedelta(days=1))


@pytest.fixture
def burst(petition, hour):
    """12 signatures from one client within one hour, among 5 ordinary ones."""
    bulk_signatures(petition, 5, start=hour + timedelta(minutes=1), name="Ordinary signer")
    return bulk_signatures(
        petition, 12, start=hour + timedelta(minutes=5), ip_digest=BOT, name="Bot signer"
    )


def test_bursts_from_one_client_are_flagged_on_the_list(as_user, moderator, burst):
    html = as_user(moderator).get(admin_url(CHANGELIST)).content.decode()
    assert html.count("12 from this client that hour") == 12
    rows = re.findall(r"<tr>.*?</tr>", html, re.DOTALL)
    ordinary = [row for row in rows if "Ordinary signer" in row]
    assert len(ordinary) == 5
    assert not any("⚑" in row for row in ordinary)


def test_the_same_number_spread_over_hours_is_no_burst(as_user, moderator, petition, hour):
    bulk_signatures(petition, 12, start=hour, step=timedelta(minutes=20), ip_digest=BOT)
    html = as_user(moderator).get(admin_url(CHANGELIST)).content.decode()
    assert "from this client that hour" not in html


def test_domain_bursts_are_flagged_except_for_big_free_providers(
    as_user, moderator, petition, hour
):
    start = hour + timedelta(minutes=2)
    bulk_signatures(petition, 20, start=start, email_domain="union-branch.kz")
    bulk_signatures(petition, 30, start=start, email_domain="gmail.com")
    html = as_user(moderator).get(admin_url(CHANGELIST)).content.decode()
    assert html.count("20 from union-branch.kz that hour") == 20
    assert "from gmail.com" not in html


def test_suspicious_filter_lists_only_signatures_inside_bursts(as_user, moderator, burst):
    client = as_user(moderator)
    html = client.get(admin_url(CHANGELIST), {"suspicious": "ip_digest"}).content.decode()
    assert html.count(">Bot signer</a>") == 12
    assert "Ordinary signer" not in html
    html = client.get(admin_url(CHANGELIST), {"suspicious": "email_domain"}).content.decode()
    assert "Bot signer" not in html and "Ordinary signer" not in html


def test_the_flag_links_to_the_invalidation_tool_for_that_client_and_hour(
    as_user, moderator, burst, hour
):
    client = as_user(moderator)
    html = client.get(admin_url(CHANGELIST)).content.decode()
    link = re.search(r'<a class="suspicion" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert f"ip_digest={BOT}" in link
    assert "created_from=" + timezone.localtime(hour).strftime("%Y-%m-%dT%H") in link
    page = client.get(link)
    assert page.context["count"] == 12
    assert Signature.objects.filter(state="rejected").count() == 0


def test_anonymous_and_editors_cannot_use_the_invalidation_tool(as_user, editor, burst):
    url = admin_url(INVALIDATE)
    data = {"ip_digest": BOT, "stage": "invalidate", "expected": 12}
    assert "/login/" in as_user(None).get(url)["Location"]
    assert "/login/" in as_user(None).post(url, data)["Location"]
    assert as_user(editor).get(url).status_code == 403
    assert as_user(editor).post(url, data).status_code == 403
    assert Signature.objects.filter(state="rejected").count() == 0


def count_then_invalidate(client, criteria):
    counted = client.post(admin_url(INVALIDATE), {**criteria, "stage": "count"})
    initial = counted.context["form"].initial
    return counted, {
        **criteria,
        "stage": "invalidate",
        "expected": initial["expected"],
        "fingerprint": initial["fingerprint"],
    }


def test_invalidation_counts_first_and_changes_nothing_until_asked(
    as_user, moderator, burst, petition
):
    client = as_user(moderator)
    counted, confirm = count_then_invalidate(client, {"ip_digest": BOT})
    assert counted.status_code == 200
    assert counted.context["count"] == 12
    assert "Reject these 12 signatures" in counted.content.decode()
    assert Signature.objects.filter(state="rejected").count() == 0
    assert petition.exact_count() == 17

    response = client.post(admin_url(INVALIDATE), confirm)
    assert response.status_code == 302
    assert Signature.objects.filter(state="rejected", ip_digest=BOT).count() == 12
    assert Signature.objects.filter(state="confirmed").count() == 5
    assert Petition.objects.get(pk=petition.pk).confirmed_count == 5
    entries = LogEntry.objects.filter(user=moderator)
    assert entries.count() == 12
    assert all("Invalidated as spam" in e.change_message for e in entries)


def test_invalidation_refuses_when_the_matches_changed_since_counting(
    as_user, moderator, burst, petition, hour
):
    client = as_user(moderator)
    _counted, confirm = count_then_invalidate(client, {"ip_digest": BOT})
    bulk_signatures(petition, 1, start=hour + timedelta(minutes=30), ip_digest=BOT)
    response = client.post(admin_url(INVALIDATE), confirm)
    assert response.status_code == 200
    assert response.context["count"] == 13
    assert "changed since they were counted" in response.content.decode()
    assert Signature.objects.filter(state="rejected").count() == 0


def test_invalidation_refuses_criteria_other_than_those_counted(as_user, moderator, burst):
    client = as_user(moderator)
    _counted, confirm = count_then_invalidate(client, {"ip_digest": BOT})
    confirm["email_domain"] = "something-else.org"
    client.post(admin_url(INVALIDATE), confirm)
    assert Signature.objects.filter(state="rejected").count() == 0


def test_invalidation_by_exact_address_never_shows_it(as_user, moderator, petition):
    bulk_signatures(petition, 1, email_digest=digest_of("target@example.org"))
    bulk_signatures(petition, 1)
    client = as_user(moderator)
    counted, confirm = count_then_invalidate(client, {"email": "Target+x@Example.org"})
    assert counted.context["count"] == 1
    assert "target@" not in counted.content.decode().lower()
    confirm["email"] = ""
    confirm["email_digest"] = counted.context["form"].initial["email_digest"]
    client.post(admin_url(INVALIDATE), confirm)
    assert Signature.objects.filter(state="rejected").count() == 1


def test_invalidation_needs_a_narrow_criterion(as_user, moderator, burst):
    response = as_user(moderator).post(admin_url(INVALIDATE), {"stage": "count"})
    assert response.context["count"] is None
    assert "Give a client, a domain, an address, or a window" in response.content.decode()


def test_a_time_window_alone_is_enough(as_user, moderator, burst, hour):
    hour = timezone.localtime(hour)  # the form takes local times
    window = {
        "created_from": (hour + timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M"),
        "created_to": (hour + timedelta(minutes=59)).strftime("%Y-%m-%dT%H:%M"),
    }
    counted, _confirm = count_then_invalidate(as_user(moderator), window)
    assert counted.context["count"] == 12
