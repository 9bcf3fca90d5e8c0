"""Candles: counted at once, messages after moderation, honeypot and rate limit."""

import pytest
from django.core.cache import cache
from django.test import Client

from campaign.lib import ratelimit
from memorial import caching, candles
from memorial.models import Tribute

# Real commits: the count is invalidated when a candle commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

URL = "/en/candles/"


def light(client, **data):
    return client.post(URL, {"first_name": "", "message": "", "website": "", **data})


def test_a_candle_counts_at_once_and_its_message_waits_for_moderation(client):
    assert "candles lit in memory" not in client.get(URL).content.decode()
    home = client.get("/en/").content.decode()  # now cached
    assert "Light a candle in memory of the victims" in home and "0 candles" not in home
    response = light(client, first_name="Aigul", message="We remember.")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "1 candle lit in memory." in page
    assert "Your candle is lit" in page
    assert "We remember." not in page
    assert "1 candle lit in memory." in client.get("/en/").content.decode()
    tribute = Tribute.objects.get()
    assert (tribute.first_name, tribute.state, tribute.language) == ("Aigul", "pending", "en")

    candles.moderate(Tribute.objects.all(), Tribute.State.APPROVED)
    page = client.get(URL).content.decode()
    assert "We remember." in page and "Aigul" in page


def test_rejected_candles_stop_counting_and_never_show(client):
    light(client, message="spam spam")
    light(client, message="In memory.")
    assert "2 candles lit in memory." in client.get(URL).content.decode()
    candles.moderate(Tribute.objects.filter(message="spam spam"), Tribute.State.REJECTED)
    page = client.get(URL).content.decode()
    assert "1 candle lit in memory." in page
    assert "spam spam" not in page


def test_count_is_read_from_the_cache_without_a_query(client, django_assert_num_queries):
    light(client)
    assert candles.candle_count() == 1
    with django_assert_num_queries(0):
        assert candles.candle_count() == 1


def test_a_count_taken_before_a_commit_is_never_served_after_it(client):
    """A reader that counted before a candle committed wrote under the old generation."""
    old_key = caching.candle_count_key()
    light(client)
    cache.set(old_key, 0)  # the late write of a stale reader
    assert candles.candle_count() == 1


def test_honeypot_lights_nothing_but_looks_the_same(client):
    response = light(client, message="buy now", website="http://spam.example")
    assert response.status_code == 302
    assert Tribute.objects.count() == 0
    assert "candles lit in memory" not in client.get(response["Location"]).content.decode()


def test_too_long_message_is_refused(client):
    response = light(client, message="x" * 281)
    assert response.status_code == 400
    assert Tribute.objects.count() == 0


def test_rate_limit_answers_429(client):
    limit = ratelimit.POLICIES["candle"]()[0][0]
    for _ in range(limit):
        assert light(client).status_code == 302
    response = light(client)
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert Tribute.objects.count() == limit
    # Another client is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert light(other).status_code == 302


def test_post_needs_csrf_and_get_changes_nothing():
    strict = Client(enforce_csrf_checks=True)
    assert light(strict).status_code == 403
    strict.get(URL, {"first_name": "x", "message": "y"})
    assert Tribute.objects.count() == 0


def test_approved_messages_are_paged_without_counting(client):
    Tribute.objects.bulk_create(
        Tribute(message=f"message {n}", state=Tribute.State.APPROVED) for n in range(130)
    )
    page = client.get(URL).content.decode()
    assert "message 129" in page and "message 70" in page and "message 69" not in page
    older = page.split("?before=")[1].split('"')[0]
    page2 = client.get(URL, {"before": older}).content.decode()
    assert "message 69" in page2 and "message 70" not in page2
