"""Rate limits in the shared cache: per client (by keyed digest), per address, with a 429."""

import time

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory

from campaign.lib.digests import client_digest, client_ip
from campaign.lib.ratelimit import allowed, bucket_key, hit, too_many_requests, used
from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition
from tests.scaleout.services import REDIS, redis_prefix, require

pytestmark = pytest.mark.django_db


def test_hit_allows_up_to_the_limit_then_refuses():
    assert [hit("k", 3, 60) for _ in range(5)] == [True, True, True, False, False]
    assert used("k", 60) == 5
    assert hit("other", 3, 60)


def test_client_digest_is_keyed_and_never_the_address(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    digest = client_digest(request)
    assert "203.0.113.7" not in digest
    assert len(digest) == 64
    settings.DIGEST_KEY = "another key"
    assert client_digest(request) != digest


def test_client_ip_comes_only_from_the_configured_header(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_REAL_IP="5.6.7.8"
    )
    assert client_ip(request) == "10.0.0.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip(request) == "5.6.7.8"


def sign(client, n, **extra):
    petition = make_petition(slug="limited")
    return client.post(
        petition.get_absolute_url(),
        {"name": "A", "email": f"person{n}@example.org", "country": "KZ"},
        **extra,
    )


def test_burst_limit_per_client_gives_a_429_that_explains(client, settings):
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 3
    statuses = [sign(client, n).status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    refused = sign(client, 99)
    assert b"Too many signatures in a short time" in refused.content
    assert refused["Retry-After"]
    assert Signature.objects.count() == 3
    # Another client is not affected.
    assert sign(client, 100, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_daily_limit_per_client(client, settings):
    settings.CAMPAIGN_SIGN_DAILY_LIMIT = 2
    assert [sign(client, n).status_code for n in range(3)] == [302, 302, 429]


def test_limit_per_address_whatever_the_client(client, settings):
    settings.CAMPAIGN_EMAIL_DAILY_LIMIT = 2
    petition = make_petition(slug="limited")
    statuses = [
        client.post(
            petition.get_absolute_url(),
            {"name": "A", "email": f"Same+{n}@example.org", "country": "KZ"},
            REMOTE_ADDR=f"198.51.100.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]


def test_behind_a_proxy_the_trusted_header_is_the_client(client, settings):
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 1
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    # Same proxy address, different real clients: both pass.
    assert sign(client, 1, HTTP_X_REAL_IP="192.0.2.1").status_code == 302
    assert sign(client, 2, HTTP_X_REAL_IP="192.0.2.2").status_code == 302
    assert sign(client, 3, HTTP_X_REAL_IP="192.0.2.2").status_code == 429


def test_no_raw_address_reaches_the_cache(client):
    sign(client, 1, REMOTE_ADDR="203.0.113.99")
    keys = list(cache._cache.keys())
    assert keys
    assert not any("203.0.113.99" in key for key in keys)
    assert not any("person1" in key for key in keys)


def test_generic_429_response_for_other_forms(rf):
    response = too_many_requests(rf.get("/"))
    assert response.status_code == 429
    assert b"Too many requests" in response.content


def test_counters_on_diskcache_are_atomic_and_live_until_their_window_ends(settings, tmp_path):
    """The default production cache: a daily counter must not expire after five minutes,
    and hits from many workers at once must all count."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "diskcache.DjangoCache", "LOCATION": str(tmp_path / "cache")}
    }
    try:
        assert [hit("daily", 2, 86400) for _ in range(3)] == [True, True, False]
        assert used("daily", 86400) == 3
        _value, expires = caches["default"].get(bucket_key("daily", 86400), expire_time=True)
        window_end = (int(time.time()) // 86400 + 1) * 86400
        assert abs(expires - window_end) <= 3
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(lambda _: hit("burst", 1000, 3600), range(200)))
        assert used("burst", 3600) == 200
    finally:
        caches["default"].clear()


@pytest.fixture
def redis_cache(settings):
    """Makes the default cache a Redis backend under a key prefix of this test's own, whose
    keys are deleted afterwards (never the whole Redis database); returns the prefix and a raw
    client."""
    require("Redis", lambda: redis.Redis.from_url(REDIS, socket_timeout=1).ping(), "this test")
    with redis_prefix("test-campaign") as prefix:

        def use(backend, **params):
            settings.CACHES = {
                "default": {"BACKEND": backend, "LOCATION": REDIS, "KEY_PREFIX": prefix, **params}
            }
            return prefix, redis.Redis.from_url(REDIS)

        yield use


def test_counters_on_redis_are_atomic_and_keep_their_expiry(redis_cache):
    prefix, raw = redis_cache("django.core.cache.backends.redis.RedisCache")
    assert [hit("daily", 2, 86400) for _ in range(3)] == [True, True, False]
    assert used("daily", 86400) == 3
    (key,) = raw.keys(f"{prefix}:*")
    window_left = 86400 - int(time.time()) % 86400
    assert window_left - 5 <= raw.ttl(key) <= window_left + 2


def test_a_policy_on_the_tiered_redis_cache_counts_every_limit_in_one_go(redis_cache, settings):
    """The scale-out cache counts a policy's limits in one round trip: the same answers, the
    same counters `used` reads, each expiring with its window."""
    prefix, raw = redis_cache(
        "campaign.cache.TieredRedisCache", LOCAL_PREFIXES=("campaign:petition:",)
    )
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 2
    settings.CAMPAIGN_SIGN_DAILY_LIMIT = 3
    assert [allowed("sign", "client:a") for _ in range(4)] == [True, True, False, False]
    assert used("sign:client:a", 60) == 4
    assert used("sign:client:a", 86400) == 4
    assert allowed("sign", "client:b")
    ttls = sorted(raw.ttl(key) for key in raw.keys(f"{prefix}:*sign:client:a:*"))
    assert 0 < ttls[0] <= 61
    assert 61 < ttls[1] <= 86401
