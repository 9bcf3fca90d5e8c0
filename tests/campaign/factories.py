"""Small builders for campaign tests: a petition open now, signatures in any state."""

import itertools
from datetime import timedelta

from django.utils import timezone

from campaign.petitions import signing
from campaign.petitions.models import Petition

_numbers = itertools.count(1)


def make_petition(slug=None, **fields):
    """An open petition (or the existing one with this slug)."""
    slug = slug or f"petition-{next(_numbers)}"
    defaults = {
        "title_en": "An inquiry now",
        "summary_en": "Summary of the petition.",
        "demands_en": "Who fired the shots?\nWho gave the order?",
        "addressees_en": "The UN High Commissioner for Human Rights",
        "goal": 1000,
        "state": Petition.State.OPEN,
        "opens_at": timezone.now() - timedelta(days=1),
        "closes_at": timezone.now() + timedelta(days=60),
    }
    defaults.update(fields)
    petition, _created = Petition.objects.get_or_create(slug=slug, defaults=defaults)
    return petition


def make_signature(petition, email=None, state="pending", **fields):
    """A signature made through campaign.petitions.signing, so counts stay right."""
    details = {
        "name": "Test Signer",
        "email": email or f"signer{next(_numbers)}@example.org",
        "country": "KZ",
    }
    details.update(fields)
    signature, _created = signing.sign(petition, **details)
    if state in ("confirmed", "rejected"):
        signing.confirm(signature)
    if state == "rejected":
        signing.reject(signature)
    return signature
