"""The signing form: clear errors for bad input, any human name accepted."""

import unicodedata

import pytest
from django import forms
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign.petitions.forms import SignatureForm
from campaign.petitions.models import Signature

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def form(**overrides):
    data = {"name": "Asel", "email": "asel@example.org", "country": "KZ"}
    data.update(overrides)
    return SignatureForm(data={key: value for key, value in data.items() if value is not None})


def test_minimal_form_is_valid_and_defaults_to_not_named_and_no_updates():
    valid = form()
    assert valid.is_valid(), valid.errors
    assert valid.cleaned_data["show_name"] is False
    assert valid.cleaned_data["wants_updates"] is False


def test_unbound_form_has_both_choices_unticked():
    unbound = SignatureForm()
    assert not unbound["show_name"].value()
    assert not unbound["wants_updates"].value()


def test_kazakh_letters_in_every_text_field():
    valid = form(name=f"Нұрлан {KAZAKH_LETTERS}", city="Жаңаөзен", comment=KAZAKH_LETTERS)
    assert valid.is_valid(), valid.errors
    assert KAZAKH_LETTERS in valid.cleaned_data["name"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("name", "", "required"),
        ("name", "   ", "required"),
        ("name", "x" * (Signature.NAME_MAX_LENGTH + 1), "max_length"),
        ("name", "Evil\x00Name", "control_characters"),
        ("name", "Bell\x07", "control_characters"),
        ("name", "Tab\tName", "control_characters"),
        ("name", "Line\nbreak", "control_characters"),
        ("name", "abc\u202edcba", "control_characters"),
        ("city", "x" * (Signature.CITY_MAX_LENGTH + 1), "max_length"),
        ("city", "Esc\x1b[31m", "control_characters"),
        ("comment", "x" * (Signature.COMMENT_MAX_LENGTH + 1), "max_length"),
        ("comment", "private\ue000use", "control_characters"),
        ("email", "not-an-address", "invalid"),
        ("email", "a@b", "invalid"),
        ("email", "two@@example.org", "invalid"),
        ("email", "x" * 250 + "@example.org", "max_length"),
        ("country", "XX", "invalid_choice"),
        ("country", "", "required"),
    ],
)
def test_bad_input_gets_a_readable_error_on_its_field(field, value, code):
    invalid = form(**{field: value})
    assert not invalid.is_valid()
    assert field in invalid.errors
    assert invalid.has_error(field, code), invalid.errors.as_data()
    assert all(str(message) for message in invalid.errors[field])


@pytest.mark.parametrize("field", ["name", "city", "comment"])
def test_a_text_that_grows_when_normalised_is_measured_after(field):
    """U+0958 becomes two code points in NFC: 100 of them fit the field as typed and not as
    stored, which PostgreSQL refused with a 500."""
    limit = form().fields[field].max_length
    invalid = form(**{field: "\u0958" * limit})
    assert not invalid.is_valid()
    assert invalid.has_error(field, "max_length"), invalid.errors.as_data()


def test_comment_keeps_line_breaks():
    valid = form(comment="First line\r\nSecond line")
    assert valid.is_valid(), valid.errors
    assert valid.cleaned_data["comment"] == "First line\nSecond line"


def test_email_keeps_its_tag_for_delivery_and_folds_the_domain():
    valid = form(email="  Asel+Petition@Example.ORG ")
    assert valid.is_valid(), valid.errors
    assert valid.cleaned_data["email"] == "Asel+Petition@example.org"


def test_honeypot_marks_a_bot_without_an_error():
    bot = form(website="http://spam.example")
    assert bot.is_valid()
    assert bot.is_bot
    assert not form().is_bot


# Letters and marks of any script, spaces, apostrophes and hyphens: what names are made of.
name_chars = st.characters(categories=["L", "M", "Zs", "Pd"], include_characters="'\u2019.")
names = st.text(name_chars, min_size=1, max_size=Signature.NAME_MAX_LENGTH).filter(
    lambda s: s.strip() and len(unicodedata.normalize("NFC", s)) <= Signature.NAME_MAX_LENGTH
)


@settings(max_examples=150, deadline=None)
@given(name=names)
def test_any_unicode_name_is_accepted_as_typed(name):
    valid = form(name=name)
    assert valid.is_valid(), (name, valid.errors)
    assert valid.cleaned_data["name"] == unicodedata.normalize("NFC", name).strip()


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(max_size=150),
    city=st.text(max_size=150),
    comment=st.text(max_size=600),
    email=st.one_of(st.text(max_size=60), st.emails()),
)
def test_any_input_is_either_valid_and_clean_or_refused_with_errors(name, city, comment, email):
    candidate = form(name=name, city=city, comment=comment, email=email)
    if not candidate.is_valid():
        assert candidate.errors
        return
    data = candidate.cleaned_data
    assert 0 < len(data["name"]) <= Signature.NAME_MAX_LENGTH
    assert len(data["city"]) <= Signature.CITY_MAX_LENGTH
    assert len(data["comment"]) <= Signature.COMMENT_MAX_LENGTH
    for text in (data["name"], data["city"]):
        assert not any(unicodedata.category(char) == "Cc" for char in text)
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in data["comment"])


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_country_is_accepted_exactly_when_the_list_offers_it(language):
    field = SignatureForm().fields["country"]
    with translation.override(language):
        offered = [code for code, _name in field.choices if code]
        assert len(offered) == len(set(offered)) > 240
        others = ["XX", "kz", " KZ", "KZ ", "Kazakhstan", "Казахстан", "0", "None", "KZRU"]
        for value in [*offered, *others]:
            assert field.valid_value(value) is forms.ChoiceField.valid_value(field, value), value
        for code in offered:
            assert form(country=code).is_valid()
        for value in others:
            assert form(country=value).errors["country"]
