"""One spelling of every name and place per language, on every page, in the content and in
the catalogs.

A person's spellings are their recorded variants (each sourced or marked as ours); a page in
a language uses the person's name in that language and no other variant of its script, except
in the list of spellings on the person's own page. Titles of sources keep their own spelling.
"""

import io
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from campaign.petitions.models import Petition
from memorial.loading import CONTENT_DIR
from memorial.models import NameVariant, Person
from tests.urls_catalogue import public_urls

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ru", "kk")
SCRIPTS = {
    "en": {"latin"},
    "ru": {"cyrillic_ru", "cyrillic_kk"},
    "kk": {"cyrillic_ru", "cyrillic_kk"},
}
PETITION = Path(settings.BASE_DIR) / "campaign" / "petitions" / "content" / "petition.json"
CATALOGS = sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.po"))

# Names and places that are not people on the memorial: the form each language uses, and the
# forms found in earlier texts or in other writers' hands that the site must not mix in.
PLACES_AND_NAMES = {
    "Navi Pillay": {
        "en": "Navi Pillay",
        "ru": "Нави Пиллай",
        "kk": "Нави Пиллай",
        "never": ["Пиллэй", "Пиллей", "Pillai", "Niva Pillay"],
    },
    "Alan Square": {
        "en": "Alan Square",
        "ru": "площад",
        "kk": "Алан алаң",
        "never": ["Алаң алаң", "Alan square", "площадь Алаң"],
    },
    "Ozenmunaigaz": {
        "en": "Ozenmunaigaz",
        "ru": "Озенмунайгаз",
        "kk": "Өзенмұнайгаз",
        "never": ["OzenMunaiGaz", "ОзенМунайГаз", "ӨзенМұнайГаз", "Ozenmunaygaz", "Uzenmunaigas"],
    },
    "KazMunaiGas": {
        "en": "KazMunaiGas",
        "ru": "КазМунайГаз",
        "kk": "ҚазМұнайГаз",
        "never": ["Kazmunaigaz", "KazMunayGas", "Казмунайгаз", "Қазмұнайгаз"],
    },
    "Yelena Kostyuchenko": {
        "en": "Kostyuchenko",
        "ru": "Костюченко",
        "kk": "Костюченко",
        "never": ["Kostiuchenko", "Kostuchenko"],
    },
}
VOWELS = "aeiouy" + "аеиоуыэюяә"
NEVER = [form for entry in PLACES_AND_NAMES.values() for form in entry["never"]]


def stem(spelling):
    """The surname without a final vowel, so that inflected forms are found too."""
    surname = spelling.split()[-1]
    return surname[:-1] if surname[-1].lower() in VOWELS else surname


def foreign_stems(person, language):
    """Stems of the person's variants that a page in `language` must not show."""
    own = stem(getattr(person, f"name_{language}"))
    return {
        stem(variant.spelling)
        for variant in person.variants.all()
        if variant.script in SCRIPTS[language] and stem(variant.spelling) not in own
    }


def readable(page):
    """The text a page shows, without source titles (as published) and the person's own list
    of spellings, whose purpose is to show every variant."""
    page = re.sub(r"<cite\b.*?</cite>", " ", page, flags=re.S)
    page = re.sub(r'<ul class="memorial-spellings">.*?</ul>', " ", page, flags=re.S)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def pages(client, language):
    """Every public page in `language`: the catalogue of URLs, each person, the embed."""
    urls = [url for _name, url in public_urls(language) if url.startswith(f"/{language}/")]
    with translation.override(language):
        urls += [person.get_absolute_url() for person in Person.objects.public()]
        urls.append(reverse("memorial:people") + "?harm=killed")
    urls.append(f"/embed/memorial/?lang={language}")
    for url in dict.fromkeys(urls):
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield url, readable(response.content.decode())


@pytest.fixture
def shipped(content):
    call_command("load_petition", stdout=io.StringIO())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_spells_each_person_one_way(client, shipped, language):
    people = list(Person.objects.public().prefetch_related("variants"))
    checked = 0
    for url, text in pages(client, language):
        for person in people:
            for wrong in foreign_stems(person, language):
                assert wrong not in text, (url, person.slug, wrong)
        for entry in PLACES_AND_NAMES.values():
            for wrong in entry["never"]:
                assert wrong not in text, (url, wrong)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_names_and_places_appear_in_their_one_form(client, shipped, language):
    with translation.override(language):
        timeline = client.get(reverse("memorial:timeline")).content.decode()
        petition = client.get(Petition.objects.get().get_absolute_url()).content.decode()
    for name in ("Navi Pillay", "Alan Square", "Ozenmunaigaz", "KazMunaiGas"):
        assert PLACES_AND_NAMES[name][language] in timeline, (language, name)
    for name in ("Navi Pillay", "Alan Square", "Ozenmunaigaz"):
        assert PLACES_AND_NAMES[name][language] in petition, (language, name)
    tuletaeva = {"en": "Roza Tuletaeva", "ru": "Роза Тулетаева", "kk": "Роза Түлетаева"}
    assert tuletaeva[language] in timeline


def test_a_kazakh_page_says_which_spelling_it_uses(client, content):
    """Duisen Nurov's Kazakh page uses the Russian form a source printed, and says so."""
    person = Person.objects.get(slug="duisen-nurov")
    assert person.name_kk == person.name_ru == "Дуйсен Нуров"
    with translation.override("kk"):
        page = client.get(person.get_absolute_url()).content.decode()
    spellings = page.split('<ul class="memorial-spellings">')[1].split("</ul>")[0]
    used = next(item for item in spellings.split("<li") if "Дуйсен Нуров" in item)
    with translation.override("kk"):
        marker = gettext("the form this page uses")
    assert "Azattyq (RFE/RL)" in used and marker in used
    assert sum(marker in item for item in spellings.split("<li")) == 1
    assert "Дүйсен Нұров" in spellings


def content_texts():
    """(where, language, text) of every shipped text but the sources' titles as published."""

    def walk(value, where, language=None):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("title", "spelling") and where.startswith("sources"):
                    continue
                if key in ("variants", "url", "key", "slug"):
                    continue
                yield from walk(item, f"{where}/{key}", key if key in LANGUAGES else language)
        elif isinstance(value, list):
            for number, item in enumerate(value):
                yield from walk(item, f"{where}[{number}]", language)
        elif isinstance(value, str) and value:
            yield where, language, value

    for name in ("events", "claims", "people", "sources"):
        yield from walk(json.loads((CONTENT_DIR / f"{name}.json").read_text()), name)
    petition = json.loads(PETITION.read_text())
    yield from walk({key: value for key, value in petition.items() if key != "sources"}, "petition")


def test_the_content_files_and_the_catalogs_spell_each_name_one_way(content):
    people = list(Person.objects.prefetch_related("variants"))
    for where, language, text in content_texts():
        for wrong in NEVER:
            assert wrong not in text, (where, wrong)
        if language in LANGUAGES:
            for person in people:
                for wrong in foreign_stems(person, language):
                    assert wrong not in text, (where, wrong)
    for path in CATALOGS:
        for entry in polib.pofile(str(path)):
            for text in [entry.msgid, entry.msgstr, *entry.msgstr_plural.values()]:
                for wrong in NEVER:
                    assert wrong not in text, (path.parent.parent.name, entry.msgid, wrong)


def test_every_name_on_the_site_is_a_recorded_spelling(content):
    """The name in each language is one of the person's variants, sourced or marked as ours."""
    for person in Person.objects.prefetch_related("variants"):
        spellings = {variant.spelling: variant for variant in person.variants.all()}
        for language in LANGUAGES:
            assert getattr(person, f"name_{language}") in spellings, (person.slug, language)
    assert NameVariant.objects.filter(source__isnull=True).exists()
