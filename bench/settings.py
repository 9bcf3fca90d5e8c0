"""Benchmark settings: the production settings plus a minimal view to measure the ceiling.

The load generator stands in for a proxy that sets X-Real-IP, so rate limits key on many
client addresses, as they would in production behind a load balancer.
"""

import os

os.environ.setdefault("DJANGO_CLIENT_IP_HEADER", "HTTP_X_REAL_IP")

from campaign.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
