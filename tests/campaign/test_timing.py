"""Timing must not tell whether an address has signed.

Someone who types a person's address into the form and times the answer must not learn
whether that person signed. Each probe goes through Django's whole request handler (every
middleware and the real view) and is timed until the response is ready for the server to
send. Work a response leaves for after it has been sent (its close(), which a WSGI server
calls once the last byte is out, and the test client calls right after) is outside the
measure: that is where the e-mail goes with the default Immediate task backend.

The two kinds of probe alternate, in turns whose order flips, so a slow patch of a loaded
machine falls on both. What is compared is not a mean (a few pauses of the garbage collector
or the scheduler move it a lot) but what one probe can tell: the best any threshold on the
time can do at guessing the kind of a single probe, and the Mann-Whitney probability that a
probe of one kind is slower than one of the other.
"""

import time
from statistics import median

import pytest
from django.test import Client
from django.test.client import ClientHandler

from campaign.petitions import signing
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db

PROBES = 300
# Chance is 50 %. With 300 probes of each kind, two samples of one distribution exceed 58 %
# once in a thousand runs; what is measured with the e-mail out of the request is 51-56 %
# (2 cores under load, SQLite and PostgreSQL), and with it inside, 85-89 %.
BEST_GUESS_LIMIT = 0.65


class TimedHandler(ClientHandler):
    """The test client's handler, noting how long the response took to be ready."""

    elapsed = None

    def get_response(self, request):
        started = time.perf_counter()
        response = super().get_response(request)
        self.elapsed = time.perf_counter() - started
        return response


def best_single_guess(a, b):
    """How often the best threshold on one time guesses its kind right (0.5 is chance).

    For two samples of equal size that is 1/2 + D/2, D being the Kolmogorov-Smirnov distance
    between their distributions."""
    points = sorted(set(a) | set(b))
    distance = max(
        abs(sum(x <= t for x in a) / len(a) - sum(x <= t for x in b) / len(b)) for t in points
    )
    return 0.5 + distance / 2


def probability_slower(a, b):
    """Mann-Whitney: the chance that a probe from `a` takes longer than one from `b`."""
    ranked = sorted([(x, 0) for x in a] + [(x, 1) for x in b])
    rank_sum_a = sum(rank for rank, (_x, kind) in enumerate(ranked, start=1) if kind == 0)
    u = rank_sum_a - len(a) * (len(a) + 1) / 2
    return u / (len(a) * len(b))


@pytest.fixture
def probe(settings):
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 10 * PROBES
    settings.CAMPAIGN_SIGN_DAILY_LIMIT = 10 * PROBES
    petition = make_petition()
    client = Client()
    client.handler = TimedHandler(enforce_csrf_checks=False)
    url = petition.get_absolute_url()

    def timed(email):
        data = {"name": "Probe", "email": email, "country": "KZ"}
        response = client.post(url, data)
        assert response.status_code == 302
        return client.handler.elapsed

    timed.petition = petition
    return timed


@pytest.mark.parametrize("known", ["confirmed", "pending"])
def test_one_probe_cannot_tell_a_known_address_from_a_new_one(probe, known):
    for n in range(PROBES):
        signature, _ = signing.sign(
            probe.petition, name="Signer", email=f"signed{n}@example.org", country="KZ"
        )
        if known == "confirmed":
            signing.confirm(signature)
    # Warm every cache and code path once before measuring.
    probe("warm-up@example.org")
    probe("signed0@example.org")

    new, old = [], []
    for n in range(PROBES):
        pair = [(new, f"new{n}@example.org"), (old, f"signed{n}@example.org")]
        for times, email in pair if n % 2 else reversed(pair):
            times.append(probe(email))

    guess = best_single_guess(new, old)
    slower = probability_slower(new, old)
    summary = (
        f"median new {median(new) * 1000:.2f} ms, {known} {median(old) * 1000:.2f} ms; "
        f"one probe tells them apart {guess:.0%} of the time; "
        f"P(new slower than {known}) = {slower:.2f}"
    )
    print(summary)
    assert guess <= BEST_GUESS_LIMIT, summary
