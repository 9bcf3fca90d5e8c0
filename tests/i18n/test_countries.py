"""The signing form's countries: Kazakhstan first, then the countries most signers are expected
to come from, then all others in the alphabetical order of the reader's language."""

# Cyrillic letters that look like Latin ones, on purpose:
# ruff: noqa: RUF001, RUF002, RUF003

import unicodedata

import pytest
from django.utils import translation

from campaign.petitions.collation import sort_key
from campaign.petitions.countries import COUNTRIES, FIRST, sorted_countries
from campaign.petitions.forms import SignatureForm

# The alphabets, written out from each language's own order (for Kazakh, the 42 letters of the
# Cyrillic alphabet of 1940 as taught today); the test checks the lists against them by hand,
# independently of the collation library.
ALPHABETS = {
    "en": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "ru": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "kk": "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ",
}


def alphabet_position(language, name):
    """Where `name` falls by its first two letters, case ignored; in English accents are
    ignored too (Å is an A), in Russian Ё counts as Е, as in dictionaries."""
    letters = ALPHABETS[language]
    name = name.upper()
    if language == "en":
        name = unicodedata.normalize("NFD", name)
    if language == "ru":
        name = name.replace("Ё", "Е")
    base = [char for char in name if char.isalpha()]
    return [letters.index(char) if char in letters else -1 for char in base[:2]]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_kazakhstan_first_then_the_fixed_few_then_the_alphabet(language):
    choices = sorted_countries(language)
    codes = [code for code, _name in choices]
    assert codes[: len(FIRST)] == list(FIRST) and codes[0] == "KZ"
    assert sorted(codes) == sorted(COUNTRIES), "every country once"
    rest = [name for _code, name in choices[len(FIRST) :]]
    positions = [alphabet_position(language, name) for name in rest]
    assert positions == sorted(positions), [
        (a, b)
        for a, b, pa, pb in zip(rest, rest[1:], positions, positions[1:], strict=False)
        if pa > pb
    ]


def test_kazakh_letters_sort_where_the_kazakh_alphabet_puts_them():
    with translation.override("kk"):
        names = [name for _code, name in sorted_countries("kk")]
    assert names[0] == "Қазақстан"
    # Қытай (China) files under Қ, after К, not after Я as by code point.
    assert names.index("Кюрасао") < names.index("Қытай") < names.index("Лаос")
    # Ү after У and Ұ (Үндістан, India); Ә after А (Әзірбайжан).
    assert names.index("Уругвай") < names.index("Үндістан") < names.index("Фарер аралдары")
    assert names.index("Ангола") < names.index("Әзірбайжан") < names.index("Бангладеш")


def test_kazakh_tailoring_of_the_unicode_order():
    key = sort_key("kk")
    words = ["Ыстық", "Іле", "Ь", "Үй", "Ұлы", "Ура", "Ия", "Қала", "Кино", "Ямайка"]
    assert sorted(words, key=key) == [
        "Ия",
        "Кино",
        "Қала",
        "Ура",
        "Ұлы",
        "Үй",
        "Ыстық",
        "Іле",
        "Ь",
        "Ямайка",
    ]


def test_russian_and_english_follow_the_root_order():
    assert sorted(["Ёлка", "Ель", "Ежи", "Жук"], key=sort_key("ru")) == [
        "Ежи",
        "Ёлка",
        "Ель",
        "Жук",
    ]
    assert sorted(["Zambia", "Åland Islands", "Austria", "Côte d'Ivoire"], key=sort_key("en")) == [
        "Åland Islands",
        "Austria",
        "Côte d'Ivoire",
        "Zambia",
    ]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_signing_form_offers_the_countries_in_that_order(language):
    with translation.override(language):
        choices = list(SignatureForm().fields["country"].choices)
    assert choices[0][0] == ""
    assert [code for code, _name in choices[1:]] == [code for code, _ in sorted_countries(language)]
