"""The privacy page promises how long the copies of the database live, in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "promise"),
    [
        ("en", "are deleted once they are 5 days old, by the next backup after that"),
        ("ru", "удаляются, когда им исполняется 5 дней"),
        ("kk", "көшірмелері 5 күн толғаннан кейінгі"),
    ],
)
def test_the_privacy_page_says_backups_follow_the_purge_window(client, settings, language, promise):
    settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS = 5
    with translation.override(language):
        url = reverse("campaign:privacy")
    page = client.get(url).content.decode()
    assert promise in page
