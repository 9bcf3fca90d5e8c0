"""/healthz/ for load balancers and uptime checks: can this worker write to the database and
to the cache?

`SELECT 1` kept answering while every write failed (a file turned read-only, a full disk), so
each check writes: one row in the database (`Heartbeat`), one short-lived key in the cache.
503 while either fails, 200 again as soon as both work, without a restart.

`/healthz/?full=1` adds the ops page's figures (campaign.ops.figures) for monitoring, to a
request that sends `Authorization: Bearer <DJANGO_HEALTH_TOKEN>`; without a token configured
it is refused to everyone.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from campaign.ops import figures
from campaign.petitions.models import Heartbeat

logger = logging.getLogger(__name__)


def database_writes():
    try:
        Heartbeat.beat()
    except DatabaseError:
        logger.exception("Health check: the database refused a write")
        return False
    return True


def cache_writes():
    # A key of its own, so that workers checking at the same moment never read each other's.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, 1, timeout=60)
        written = cache.get(key) == 1
        cache.delete(key)
    except Exception:
        # Each backend fails its own way (sqlite3, redis, OS errors): any of them is a 503.
        logger.exception("Health check: the cache refused a write")
        return False
    if not written:
        logger.error("Health check: the cache did not keep a value it was given")
    return written


def refuse_full(request):
    """A 403 when no token is configured, a 401 unless the request sends it; else None."""
    token = settings.HEALTH_TOKEN
    if not token:
        return JsonResponse({"error": "full=1 is off: DJANGO_HEALTH_TOKEN is not set"}, status=403)
    scheme, _space, sent = request.headers.get("Authorization", "").partition(" ")
    # In constant time, so that the answer's timing tells nothing of the token.
    if scheme.lower() == "bearer" and secrets.compare_digest(sent.strip().encode(), token.encode()):
        return None
    response = JsonResponse({"error": "full=1 needs Authorization: Bearer <token>"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="healthz"'
    return response


@never_cache
@require_safe
def healthz(request):
    full = request.GET.get("full") == "1"
    if full and (refusal := refuse_full(request)):
        return refusal
    checks = {"database": database_writes(), "cache": cache_writes()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if works else "unavailable" for name, works in checks.items()})
    # The figures read the database and the cache: only once both answer.
    if full and healthy:
        body.update(figures.as_json(figures.collect()))
    return JsonResponse(body, status=200 if healthy else 503)
