"""Petitions with signatures confirmed on given days, in the site's time zone."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from campaign.petitions.models import Signature
from campaign.tally import chain
from tests.campaign.factories import make_petition, make_signature

YESTERDAY = chain.last_closed_day()
# Three days that are over, oldest first.
DAYS = [YESTERDAY - timedelta(days=2), YESTERDAY - timedelta(days=1), YESTERDAY]


def at(day, hour=12, minute=0):
    """A moment of `day` in Zhanaozen time (TIME_ZONE)."""
    return datetime.combine(day, time(hour, minute), timezone.get_default_timezone())


def confirm_on(petition, moment, n=1, **fields):
    """n confirmed signatures whose confirmation happened at `moment`."""
    signatures = [make_signature(petition, state="confirmed", **fields) for _ in range(n)]
    Signature.objects.filter(pk__in=[s.pk for s in signatures]).update(confirmed_at=moment)
    return signatures


@pytest.fixture
def petition(db):
    """Open since the first moment of DAYS[0], so its chain starts that day."""
    return make_petition(slug="tally-petition", opens_at=at(DAYS[0], 0))
