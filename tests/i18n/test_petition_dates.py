"""The petition's closing date reads as a sentence in each language, never with a doubled stop
(Russian dates end in "г.", so "Открыта до 31 декабря 2026 г.." was printed)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db

CLOSES = timezone.make_aware(datetime.datetime(2027, 3, 31, 12, 0))
EXPECTED = {
    "en": "Open until 31 March 2027.",
    "ru": "Открыта до 31 марта 2027 г.",
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_closing_date_ends_its_sentence_once(client, language):
    petition = make_petition(slug="closing", closes_at=CLOSES)
    with translation.override(language):
        url = reverse("campaign:petition_detail", args=[petition.slug])
    html = re.sub(r"\s+", " ", client.get(url).content.decode())
    assert ".." not in html.replace("...", "")
    if language in EXPECTED:
        assert EXPECTED[language] in html
