"""The embed and oEmbed in the language they are asked for."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from campaign.petitions.models import Petition
from memorial.models import Event, Person

pytestmark = pytest.mark.django_db

HEADING = "In memory of the oil workers and residents of Zhanaozen and Shetpe"


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_memorial_embed_speaks_the_language_of_its_lang_parameter(client, shipped, language):
    response = client.get(f"/embed/memorial/?lang={language}")
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert response["Content-Language"] == language
    with translation.override(language):
        heading = gettext(HEADING)
    assert heading in page
    if language != "en":
        assert heading != HEADING
    person = Person.objects.public().exclude(**{f"name_{language}": ""}).first()
    event = Event.objects.public().first()
    assert getattr(person, f"name_{language}") in page
    assert getattr(event, f"title_{language}") in page
    assert "not yet translated" not in page


def test_an_unknown_lang_falls_back_to_english(client, shipped):
    page = client.get("/embed/memorial/?lang=de").content.decode()
    assert '<html lang="en"' in page and HEADING in page


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_petition_embed_speaks_the_language_of_its_lang_parameter(client, shipped, language):
    petition = Petition.objects.open().first()
    page = client.get(f"/embed/petition/{petition.slug}/?lang={language}").content.decode()
    assert f'<html lang="{language}"' in page
    assert getattr(petition, f"title_{language}") in page
    with translation.override(language):
        assert gettext("Sign the petition") in page


def test_an_untranslated_title_in_the_embed_is_marked_as_english(client, shipped):
    event = Event.objects.public().first()
    Event.objects.filter(pk=event.pk).update(title_kk="")
    page = client.get("/embed/memorial/?lang=kk&section=timeline").content.decode()
    assert f'<span lang="en">{event.title_en}</span> <small class="untranslated-note">' in page
    assert "(әлі аударылмаған)" in page


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_oembed_answers_in_the_language_of_the_page_it_is_given(client, shipped, language):
    person = Person.objects.public().first()
    with translation.override(language):
        page_url = settings.SITE_URL + person.get_absolute_url()
        expected_title = gettext("Zhanaozen 2011: the memorial")
    answer = client.get("/oembed/", {"url": page_url, "format": "json"}).json()
    assert f"/embed/memorial/?lang={language}&amp;" in answer["html"]
    assert answer["title"] == expected_title != "Zhanaozen 2011: the memorial"
    petition = Petition.objects.open().first()
    embed_url = f"{settings.SITE_URL}/embed/petition/{petition.slug}/?lang={language}"
    answer = client.get("/oembed/", {"url": embed_url, "format": "json"}).json()
    assert f"?lang={language}&amp;" in answer["html"]
    assert getattr(petition, f"title_{language}") in answer["title"]
