"""Signals of organised signing, after the UK petitions site's trending IPs and domains.

A burst is many signatures from one client (its keyed IP digest) or one e-mail domain within
the same clock hour (in UTC, which matches local hours wherever the offset is whole hours).
The big free mail providers are left out of the domain signal: thousands of honest signers
share them. A signal is a hint for a moderator, never an automatic verdict;
acting on it goes through `invalidate`, which counts first.
"""

from django.conf import settings
from django.contrib.admin.models import CHANGE
from django.db.models import Count, Q

from campaign.lib.audit import log_bulk
from campaign.petitions import moderation, signing
from campaign.petitions.models import Petition, Signature
from campaign.petitions.timebuckets import HOUR, hour_of, parse_hour, utc_hour

# Normalised domains (see campaign.petitions.normalise) of providers shared by many honest signers.
FREE_MAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "bk.ru",
        "gmail.com",
        "gmx.de",
        "gmx.net",
        "hotmail.com",
        "icloud.com",
        "inbox.ru",
        "list.ru",
        "live.com",
        "mail.kz",
        "mail.ru",
        "outlook.com",
        "proton.me",
        "rambler.ru",
        "ukr.net",
        "web.de",
        "yahoo.com",
        "yandex.ru",
    }
)

# The suspicious filter looks at this many bursts, newest first, so its query stays bounded.
FILTER_BURST_LIMIT = 200

CLIENT = "ip_digest"
DOMAIN = "email_domain"


def threshold(field):
    if field == CLIENT:
        return settings.CAMPAIGN_BURST_CLIENT_PER_HOUR
    return settings.CAMPAIGN_BURST_DOMAIN_PER_HOUR


def _watched(field):
    rows = Signature.objects.exclude(**{field: ""})
    if field == DOMAIN:
        rows = rows.exclude(email_domain__in=FREE_MAIL_DOMAINS)
    return rows


def _signals_query(field):
    """Signatures grouped by (field value, clock hour), with their number, if a burst."""
    return (
        _watched(field)
        .annotate(hour=utc_hour("created_at"))
        .values_list(field, "hour")
        .annotate(n=Count("pk"))
        .filter(n__gte=threshold(field))
    )


def annotate_page(signatures):
    """Set `client_burst` and `domain_burst` on each signature of an admin page.

    Each is the number of signatures from the same client or domain in the same clock hour
    when that makes a burst, else 0. One grouped query per signal for the whole page, over
    the page's own values and hours only, so the cost follows the page, not the table.
    """
    for signature in signatures:
        signature.client_burst = signature.domain_burst = 0
    if not signatures:
        return signatures
    start = min(hour_of(s.created_at) for s in signatures)
    end = max(hour_of(s.created_at) for s in signatures) + HOUR
    for field, attribute in ((CLIENT, "client_burst"), (DOMAIN, "domain_burst")):
        values = {getattr(s, field) for s in signatures}
        counts = {
            (value, parse_hour(hour)): n
            for value, hour, n in _signals_query(field)
            .filter(**{f"{field}__in": values}, created_at__gte=start, created_at__lt=end)
            .order_by()
        }
        for signature in signatures:
            key = (getattr(signature, field), hour_of(signature.created_at))
            setattr(signature, attribute, counts.get(key, 0))
    return signatures


def recent_bursts(field, limit=FILTER_BURST_LIMIT):
    """[(value, hour, n)] of the newest bursts over the whole table.

    Only values with a burst's worth of signatures in all can have a burst, and finding them
    is a plain GROUP BY over the index; the hours are worked out for their rows alone, not
    for every row of the table.
    """
    frequent = (
        _watched(field)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .filter(n__gte=threshold(field))
        .values(field)
    )
    bursts = _signals_query(field).filter(**{f"{field}__in": frequent}).order_by("-hour")
    return [(value, parse_hour(hour), n) for value, hour, n in bursts[:limit]]


def in_bursts(field, bursts):
    """A filter matching the signatures inside the given bursts (no match for none)."""
    condition = Q(pk__in=[])
    for value, hour, _n in bursts:
        condition |= Q(**{field: value}, created_at__gte=hour, created_at__lt=hour + HOUR)
    return condition


def every_petition():
    """For lookups by e-mail digest: the unique index is (petition, email_digest), so naming
    every petition (a handful) lets the database use it instead of scanning the table."""
    return Petition.objects.values("pk")


def matching(
    *,
    petition=None,
    ip_digest="",
    email_domain="",
    email_digest="",
    created_from=None,
    created_to=None,
    states=(Signature.State.PENDING, Signature.State.CONFIRMED),
):
    """The signatures an invalidation would reject: still counted or waiting, and matching
    every criterion given."""
    rows = Signature.objects.filter(state__in=states)
    if petition is not None:
        rows = rows.filter(petition=petition)
    elif email_digest:
        rows = rows.filter(petition__in=every_petition())
    if ip_digest:
        rows = rows.filter(ip_digest=ip_digest)
    if email_domain:
        rows = rows.filter(email_domain=email_domain)
    if email_digest:
        rows = rows.filter(email_digest=email_digest)
    if created_from:
        rows = rows.filter(created_at__gte=created_from)
    if created_to:
        rows = rows.filter(created_at__lt=created_to)
    return rows.order_by()


def invalidate(rows, user, message):
    """Reject every signature of `rows` through campaign.petitions.signing and record each one in
    the admin log. Returns (ids rejected, ids of their petitions)."""
    rejected, petitions = moderation.change_each(rows, signing.reject)
    log_bulk(user, (Signature(pk=pk) for pk in rejected), CHANGE, message)
    return rejected, petitions
