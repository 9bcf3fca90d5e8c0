"""List pages run a fixed number of queries whatever the number of rows."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from memorial.models import Citation, CountClaim, Event, Harm, NameVariant, Person, Source, Tribute

pytestmark = pytest.mark.django_db

URLS = [
    reverse("memorial:home"),
    reverse("memorial:timeline"),
    reverse("memorial:people"),
    reverse("memorial:people") + "?q=ov",
    reverse("memorial:people") + "?harm=killed",
    reverse("memorial:person_detail", args=["roza-tuletaeva"]),
    reverse("memorial:figures"),
    reverse("memorial:sources"),
    reverse("memorial:candles"),
    reverse("memorial:correction"),
    "/sitemap.xml",
] + [
    reverse("memorial:data", args=[dataset, fmt])
    for dataset in ("events", "people", "harms", "claims", "sources")
    for fmt in ("json", "csv")
]


def add_rows(n):
    """n more of everything: sources, events, people with harms and spellings, claims, candles."""
    day = datetime.date(2012, 1, 1)
    for i in range(n):
        source = Source.objects.create(key=f"extra-{i}", publisher=f"P{i}", kind="press")
        event = Event.objects.create(
            slug=f"e{i}", title=f"E{i}", date=day, summary="s", published=True
        )
        person = Person.objects.create(
            slug=f"extra-person-{i}", name=f"Extra Personov {i}", biography="b", published=True
        )
        NameVariant.objects.create(person=person, spelling=f"Экстра {i}", script="cyrillic_ru")
        harm = Harm.objects.create(person=person, kind=Harm.Kind.KILLED if i % 2 else "wounded")
        claim = CountClaim.objects.create(
            slug=f"c{i}",
            counted="killed",
            low=i,
            high=i,
            claimant=f"C{i}",
            claimant_kind="official",
            grade="weak",
            published=True,
        )
        Citation.objects.bulk_create(
            [
                Citation(source=source, event=event),
                Citation(source=source, person=person),
                Citation(source=source, harm=harm),
                Citation(source=source, claim=claim),
            ]
        )
        # Roza's page: more harms' worth of citations on the same person.
        Citation.objects.create(source=source, person=Person.objects.get(slug="roza-tuletaeva"))
    Tribute.objects.bulk_create(
        Tribute(message=f"m{i}", state=Tribute.State.APPROVED) for i in range(n * 3)
    )


def query_counts(client, django_assert_max_num_queries):
    """Queries of a full render: the page cache is emptied before each request."""
    counts = {}
    for url in URLS:
        cache.clear()
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


def test_list_pages_cost_the_same_with_many_more_rows(
    client, content, django_assert_max_num_queries
):
    before = query_counts(client, django_assert_max_num_queries)
    add_rows(40)
    after = query_counts(client, django_assert_max_num_queries)
    assert after == before
    assert all(count <= 12 for count in before.values()), before


def test_reading_pages_are_served_from_the_cache_without_a_query(
    client, content, django_assert_num_queries
):
    cached = [url for url in URLS if "?q=" not in url and "correction" not in url]
    cached.remove("/sitemap.xml")
    cached.remove(reverse("memorial:candles"))
    for url in cached:
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"]
