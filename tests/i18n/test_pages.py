"""Every public page in each language: its lang attribute, its navigation, no English left."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import resolve
from django.utils import translation
from django.utils.translation import gettext
from modeltranslation.translator import translator

from campaign.petitions.models import Petition, Signature
from memorial.models import Person, Source
from tests.i18n.conftest import LANGUAGES, NAVIGATION, visible_text
from tests.urls_catalogue import public_urls

pytestmark = pytest.mark.django_db

# Latin words a Russian or Kazakh page may carry: names of tools and formats, and the one
# publisher whose name is written into a sentence (People & Nature, quoted on the home page).
LATIN_ALLOWED = {"Airwars", "WordPress", "CSV", "JSON", "HTML", "IP", "cookie", "oEmbed"}
LATIN_ALLOWED |= {"People", "Nature", "CC", "BY"}
# The map's data, credited by its name (memorial/geodata/README.md).
LATIN_ALLOWED |= {"Natural", "Earth"}
# Names the shipped texts keep in their Latin form.
LATIN_NAMES = ["Oil Construction Company"]


def html_pages(language):
    """(name, url) of the pages that extend base.html in `language` (under its prefix)."""
    return [(name, url) for name, url in public_urls(language) if url.startswith(f"/{language}/")]


def proper_names(language):
    """Texts a page may show in English: publishers, authors, titles, signers' names, and the
    English stand-in of any translated field still empty in `language` (marked on the page,
    except inside <title> and other attributes)."""
    names = set()
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for obj in model.objects.all():
            for field in fields:
                if not getattr(obj, f"{field}_{language}"):
                    names.update((getattr(obj, f"{field}_en") or "").splitlines())
    for source in Source.objects.all():
        names.update(filter(None, [source.publisher, source.author, source.title]))
    for petition in Petition.objects.all():
        names.update(petition.source_items())
    names.update(Person.objects.values_list("name_en", flat=True))
    names.update(Signature.objects.values_list("name", flat=True))
    names.update(LATIN_NAMES)
    return sorted(filter(None, names), key=len, reverse=True)


def test_every_page_in_each_language_has_its_lang_and_translated_navigation(client, shipped):
    checked = 0
    for language in LANGUAGES:
        with translation.override(language):
            labels = [gettext(label) for label in NAVIGATION]
        if language != "en":
            assert not set(labels) & set(NAVIGATION), f"untranslated navigation in {language}"
        for _name, url in html_pages(language):
            response = client.get(url)
            if not response["Content-Type"].startswith("text/html"):
                continue
            assert response.status_code == 200, (url, response.status_code)
            page = response.content.decode()
            assert f'<html lang="{language}">' in page, url
            nav = page[page.index('<nav class="site-nav"') :]
            nav = nav[: nav.index("</nav>")]
            for label in labels:
                assert f">{label}</a>" in nav, (url, label)
            assert response.get("Content-Language") == language, url
            checked += 1
    assert checked >= 3 * 15


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_english_interface_text_is_left_on_russian_and_kazakh_pages(client, shipped, language):
    for _name, url in html_pages(language):
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        text = visible_text(response.content.decode())
        for name in proper_names(language):
            text = text.replace(name, " ")
        # Addresses and code samples (the partners' page shows them) are not prose.
        text = re.sub(r"\S*(https?://|/embed/)\S*|\b[\w-]+(\.[\w-]+)+\b", " ", text)
        english = set(re.findall(r"[A-Za-z][A-Za-z\u2019']{2,}", text)) - LATIN_ALLOWED
        assert not english, (url, sorted(english))


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_error_pages_are_translated(client, db, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    with translation.override(language):
        heading = gettext("Page not found")
        assert heading != "Page not found"
        assert heading in page
        for template, english in [
            ("429.html", "Too many requests"),
            ("500.html", "Something went wrong"),
        ]:
            rendered = render_to_string(template)
            assert gettext(english) in rendered and english not in rendered, template
            assert f'<html lang="{language}">' in rendered, template


def resolve_in_its_language(url):
    """i18n_patterns resolve only under the active language's prefix."""
    with translation.override(url.split("/")[1]):
        match = resolve(url)
    return match.view_name, match.kwargs


def switcher_links(page):
    switcher = page[page.index('<nav class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    return {
        lang: url for url, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', switcher)
    }


@pytest.mark.parametrize("page_name", ["person", "petition"])
def test_switching_language_keeps_the_current_page(client, shipped, page_name):
    record = Person.objects.public().first() if page_name == "person" else Petition.objects.first()
    with translation.override("en"):
        start = record.get_absolute_url()
    first = resolve_in_its_language(start)
    page = client.get(start).content.decode()
    links = switcher_links(page)
    assert set(links) == {"ru", "kk"}
    for language, url in links.items():
        assert url.startswith(f"/{language}/")
        assert resolve_in_its_language(url) == first
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()
        # The alternates in <head> name the same page in every language.
        assert (
            f'<link rel="alternate" hreflang="{language}" href="http://127.0.0.1:8000{url}">'
            in page
        )


def test_dates_and_numbers_follow_the_visitors_language(client, shipped):
    expected = {
        "en": ["16 December 2011", "May 2011"],
        "ru": ["16 декабря 2011 г.", "Май 2011 г."],  # noqa: RUF001
        "kk": ["2011 ж. 16 желтоқсан", "2011 ж. мамыр"],
    }
    for language, texts in expected.items():
        page = client.get(f"/{language}/timeline/").content.decode()
        for text in texts:
            assert text in page, (language, text)
    petition = Petition.objects.open().first()
    Petition.objects.filter(pk=petition.pk).update(goal=12500)
    goals = {"en": "12,500", "ru": "12\xa0500", "kk": "12\xa0500"}
    for language, goal in goals.items():
        with translation.override(language):
            url = petition.get_absolute_url()
        assert goal in client.get(url).content.decode(), language
