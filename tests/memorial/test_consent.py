"""A withdrawn or unpublished person vanishes from every public surface at once."""

import json

import pytest
from django.urls import reverse

from memorial.models import Person
from tests.staff.otp import verified_login

pytestmark = pytest.mark.django_db

SLUG = "zhanbyr-yergazev"
NAMES = ["Zhanbyr Yergazev", "Жанбыр Ергазев", SLUG]


def public_surfaces(client):
    """Every public response that lists or could reveal a person, as text."""
    pages = [
        reverse("memorial:home"),
        reverse("memorial:people"),
        reverse("memorial:people") + "?q=Ergazev",
        reverse("memorial:people") + "?q=Ергазев",
        reverse("memorial:people") + "?harm=wounded",
        reverse("memorial:figures"),
        reverse("memorial:correction"),
        reverse("memorial:correction") + f"?person={SLUG}",
        "/ru/",
        "/kk/people/",
        "/sitemap.xml",
    ]
    for dataset in ("people", "harms"):
        for fmt in ("json", "csv"):
            pages.append(reverse("memorial:data", args=[dataset, fmt]))
    texts = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    return texts


def visible_anywhere(client):
    """Pages that show the person. The address a visitor typed (`?person=<slug>`) comes back
    in the language links whatever the slug: an echo, which tells nothing about the person."""
    echo = f"?person={SLUG}"
    return {
        url
        for url, text in public_surfaces(client).items()
        if any(n in text.replace(echo, "") for n in NAMES)
    }


def detail_status(client):
    return client.get(reverse("memorial:person_detail", args=[SLUG])).status_code


def test_a_public_person_is_on_every_surface(client, content):
    seen = visible_anywhere(client)
    assert reverse("memorial:people") in seen
    assert "/sitemap.xml" in seen
    assert reverse("memorial:data", args=["people", "json"]) in seen
    assert reverse("memorial:data", args=["harms", "csv"]) in seen
    assert detail_status(client) == 200


@pytest.mark.parametrize(
    "change",
    [{"consent": Person.Consent.WITHDRAWN}, {"published": False}],
    ids=["consent-withdrawn", "unpublished"],
)
def test_hidden_person_vanishes_everywhere(client, content, change):
    Person.objects.filter(slug=SLUG).update(**change)
    assert visible_anywhere(client) == set()
    assert detail_status(client) == 404
    assert detail_status(client) == 404  # no cached copy either
    people = json.loads(client.get(reverse("memorial:data", args=["people", "json"])).content)
    assert SLUG not in {record["slug"] for record in people["records"]}
    assert len(people["records"]) == Person.objects.public().count() == 7


def test_withdrawn_person_cannot_be_chosen_in_the_correction_form(client, content):
    person = Person.objects.get(slug=SLUG)
    person.consent = Person.Consent.WITHDRAWN
    person.save()
    response = client.post(
        reverse("memorial:correction"),
        {
            "person": person.pk,
            "requester_name": "A",
            "contact": "a@example.org",
            "relation": "family",
            "action": "remove",
            "message": "Please remove.",
        },
    )
    assert response.status_code == 400


def test_editors_may_preview_a_hidden_person_and_visitors_may_not(client, content, editor):
    Person.objects.filter(slug=SLUG).update(published=False)
    assert detail_status(client) == 404
    verified_login(client, editor)
    response = client.get(reverse("memorial:person_detail", args=[SLUG]))
    assert response.status_code == 200
    assert "Preview for editors" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    # The preview is only for the page itself: lists stay as the public sees them.
    assert SLUG not in client.get(reverse("memorial:people")).content.decode()


def withdraw_by_update():
    Person.objects.filter(slug=SLUG).update(consent=Person.Consent.WITHDRAWN)


def withdraw_by_save():
    person = Person.objects.get(slug=SLUG)
    person.consent = Person.Consent.WITHDRAWN
    person.save()


def delete_the_person():
    Person.objects.get(slug=SLUG).delete()


@pytest.mark.parametrize("withdraw", [withdraw_by_update, withdraw_by_save, delete_the_person])
def test_cached_pages_forget_a_withdrawn_person_at_once(client, content, withdraw):
    assert len(visible_anywhere(client)) > 5  # every page is now in the page cache
    assert detail_status(client) == 200
    withdraw()
    assert visible_anywhere(client) == set()
    assert detail_status(client) == 404
