"""Keyed digests: how the campaign recognises an address or a client without storing it.

HMAC-SHA256 under settings.DIGEST_KEY costs microseconds (bcrypt would cost ~200 ms of CPU per
signature), and without the key a digest cannot be reversed by hashing a list of addresses.
Each purpose has its own prefix, so a digest made for one use never matches another.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def keyed_digest(purpose: str, value: str) -> str:
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(settings.DIGEST_KEY.encode(), message, hashlib.sha256).hexdigest()


def email_digest(normalised_email: str) -> str:
    """The one-signature-per-person key: pass the output of campaign.petitions.normalise."""
    return keyed_digest("email", normalised_email)


def client_ip(request: HttpRequest) -> str:
    """The client IP from the one place settings trust (REMOTE_ADDR unless a proxy sets one)."""
    value = request.META.get(settings.CLIENT_IP_HEADER, "") or ""
    # A trusted proxy appending to X-Forwarded-For: the last hop is the one it saw.
    return value.split(",")[-1].strip()


def client_digest(request: HttpRequest) -> str:
    return keyed_digest("client", client_ip(request))
