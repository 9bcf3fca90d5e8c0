"""The petition's closing date reads as a sentence in each language, never with a doubled stop:
Russian dates end in an abbreviation with its own full stop, which the sentence's stop doubled."""

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
    "ru": "Открыта до 31 марта 2027 г.",  # noqa: RUF001
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
