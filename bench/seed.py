"""Realistic data for the benchmark: many confirmed signatures, and pending ones to confirm.

Run inside a configured Django (bench/run.py calls it through `manage.py shell`).
"""

import random
import secrets
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from campaign.petitions.models import Petition, Signature
from campaign.petitions.reconcile import reconcile
from campaign.petitions.tokens import confirm_token

COUNTRIES = ["KZ"] * 50 + ["RU"] * 15 + ["GB"] * 10 + ["DE", "FR", "US", "UA", "KG", "PL", "SE"]


def confirmed_signatures(petition, total, batch=5000):
    now = timezone.now()
    rng = random.Random(2011)
    made = 0
    while made < total:
        size = min(batch, total - made)
        rows = [
            Signature(
                petition=petition,
                key=secrets.token_urlsafe(16),
                name=f"Seeded signer {made + i}",
                email_digest=secrets.token_hex(32),
                email_domain="example.org",
                country=rng.choice(COUNTRIES),
                show_name=rng.random() < 0.3,
                state=Signature.State.CONFIRMED,
                created_at=now - timedelta(minutes=made + i),
                confirmed_at=now - timedelta(minutes=made + i),
            )
            for i in range(size)
        ]
        with transaction.atomic():
            Signature.objects.bulk_create(rows, batch_size=batch)
        made += size
    reconcile(petition)


def pending_tokens(petition, total, path):
    """Create pending signatures and write their confirm tokens, one per line."""
    rows = [
        Signature(
            petition=petition,
            name=f"Pending signer {i}",
            email=f"pending-{i}@example.org",
            email_digest=secrets.token_hex(32),
            email_domain="example.org",
            country="KZ",
        )
        for i in range(total)
    ]
    with transaction.atomic():
        Signature.objects.bulk_create(rows, batch_size=5000)
    keys = Signature.objects.filter(petition=petition, state=Signature.State.PENDING)
    with open(path, "w") as out:
        for signature in keys.only("key").iterator(chunk_size=5000):
            out.write(confirm_token(signature) + "\n")


def seed(slug, signatures, pending, tokens_path):
    petition = Petition.objects.get(slug=slug)
    confirmed_signatures(petition, signatures)
    pending_tokens(petition, pending, tokens_path)
    # A database that took months to reach this size has its planner statistics, and has been
    # vacuumed; one filled in a minute has neither until autovacuum comes round, in the middle
    # of the measurements. Without statistics PostgreSQL read the petition page's newest public
    # signers in 180 ms instead of 0.1 ms. SQLite's VACUUM rewrites the file: it is not needed.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
