"""Recount the count shards from the signatures: the guard against counter drift.

Holds the shard table against writers while it counts, so a confirmation that commits during
the recount is neither lost nor counted twice: on PostgreSQL by an explicit table lock, on
SQLite by the write lock every IMMEDIATE transaction takes at BEGIN.
"""

from django.db import connection, transaction
from django.db.models import Count, Sum

from campaign.petitions.models import Signature, SignatureCountShard


def lock_shards():
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(SignatureCountShard._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def reconcile(petition, dry_run=False):
    """Set the petition's shards to the true counts; returns {country: drift} where they differed.

    A positive drift means the shards had counted too many.
    """
    with transaction.atomic():
        lock_shards()
        truth = dict(
            Signature.objects.confirmed()
            .filter(petition=petition)
            .values("country")
            .annotate(n=Count("pk"))
            .values_list("country", "n")
        )
        stored = dict(
            petition.count_shards.values("country")
            .annotate(n=Sum("count"))
            .values_list("country", "n")
        )
        drift = {
            country: stored.get(country, 0) - truth.get(country, 0)
            for country in set(truth) | set(stored)
            if stored.get(country, 0) != truth.get(country, 0)
        }
        if drift and not dry_run:
            petition.count_shards.filter(country__in=drift).delete()
            SignatureCountShard.objects.bulk_create(
                SignatureCountShard(petition=petition, country=country, shard=0, count=n)
                for country, n in truth.items()
                if country in drift
            )
    return drift
