"""Dates well formed in each language, and the timeline in the order things happened."""

import datetime
import re

import pytest
from django.utils import translation

from memorial.models import DatePrecision, Event
from memorial.models.dates import format_date_range, format_partial_date

pytestmark = pytest.mark.django_db

D, M, Y = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
DEC_16, DEC_18 = datetime.date(2011, 12, 16), datetime.date(2011, 12, 18)
MAY_1, JAN_5 = datetime.date(2011, 5, 1), datetime.date(2012, 1, 5)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["16 December 2011", "May 2011", "2011", "16–18 December 2011"]),  # noqa: RUF001
        ("ru", ["16 декабря 2011 г.", "май 2011 г.", "2011 г.", "16–18 декабря 2011 г."]),  # noqa: RUF001
        ("kk", ["2011 ж. 16 желтоқсан", "2011 ж. мамыр", "2011 ж.", "2011 ж. 16–18 желтоқсан"]),  # noqa: RUF001
    ],
)
def test_dates_as_precise_as_known_in_each_language(language, expected):
    with translation.override(language):
        shown = [
            format_partial_date(DEC_16, D),
            format_partial_date(MAY_1, M),
            format_partial_date(MAY_1, Y),
            format_date_range(DEC_16, DEC_18, D),
        ]
    assert shown == expected


@pytest.mark.parametrize(
    ("language", "months", "years"),
    [
        ("en", "16 May – 16 December 2011", "16 December 2011 – 5 January 2012"),  # noqa: RUF001
        ("ru", "16 мая – 16 декабря 2011 г.", "16 декабря 2011 г. – 5 января 2012 г."),  # noqa: RUF001
        ("kk", "2011 ж. 16 мамыр – 16 желтоқсан", "2011 ж. 16 желтоқсан – 2012 ж. 5 қаңтар"),  # noqa: RUF001
    ],
)
def test_a_range_writes_what_its_ends_share_once(language, months, years):
    with translation.override(language):
        assert format_date_range(datetime.date(2011, 5, 16), DEC_16, D) == months
        assert format_date_range(DEC_16, JAN_5, D) == years
        assert format_date_range(DEC_16, None, D) == format_partial_date(DEC_16, D)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_memorial_pages_have_no_malformed_dates(client, content, language):
    for path in ("", "timeline/", "how-many/", "sources/", "people/"):
        page = client.get(f"/{language}/{path}").content.decode()
        # Sources' titles keep their own language and dates ("Astana, 12 July 2012").
        page = re.sub(r"<cite\b.*?</cite>|\btitle=\"[^\"]*\"", " ", page, flags=re.S)
        assert "г.." not in page and "ж.." not in page, path  # noqa: RUF001
        assert not re.search(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\. \d", page), path
        # Russian and Kazakh name a month inside a date in its own case, never the English.
        if language != "en":
            assert not re.search(
                r"\d (January|February|March|April|May|June|July|August|"
                r"September|October|November|December)\b",
                page,
            ), path


def test_the_timeline_range_and_mid_phrase_months_in_russian(client, content):
    page = client.get("/ru/timeline/").content.decode()
    assert '<time datetime="2011-12-16">16–18 декабря 2011 г.</time>' in page  # noqa: RUF001
    assert "16 декабря 2011 г. – 18 декабря 2011 г." not in page  # noqa: RUF001
    # A month and year starts a line with a capital, and is lower case inside a phrase.
    assert '<time datetime="2011-05">Май 2011 г.</time>' in page  # noqa: RUF001
    assert "People &amp; Nature, декабрь 2021 г." in page  # noqa: RUF001


def test_the_timeline_is_in_true_order(client, content):
    """A date known to the month or year sorts by its earliest possible day; events of one
    day keep the order in which they happened."""
    page = client.get("/en/timeline/").content.decode()
    shown = re.findall(r'<li id="([a-z0-9-]+)" class="memorial-event">', page)
    events = {event.slug: event for event in Event.objects.public()}
    assert len(shown) == len(events)
    days = [events[slug].date for slug in shown]
    assert days == sorted(days)
    assert shown[:2] == ["strikers-dismissed", "strike-begins"]
    assert '<time datetime="2011">2011</time>' in page
    same_day = [slug for slug in shown if events[slug].date == datetime.date(2011, 12, 16)]
    assert same_day[0] == "police-open-fire-alan-square"
    assert shown.index("documentary-circulates") < shown.index(
        "special-rapporteur-calls-for-commission"
    )
