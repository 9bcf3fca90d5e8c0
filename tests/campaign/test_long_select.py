"""The country list's widget (campaign.lib.widgets.LongSelect) writes in Python the HTML that
Django's Select writes through its templates: the same, character for character."""

import copy

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from campaign.lib.widgets import LongSelect
from campaign.petitions.forms import SignatureForm

CHOICES = [
    ("", "Choose your country"),
    ("KZ", "Kazakhstan"),
    ("GB", 'United Kingdom & "Northern" <Ireland>'),
    ("Neighbours", [("KG", "Kyrgyzstan"), ("UZ", "Uzbekistan")]),
    ("<b>", mark_safe("<em>already safe</em>")),
    (7, "a number"),
]
ATTRS = {
    "id": "id_country",
    "class": "form-select",
    "required": True,
    "aria-invalid": "true",
    "aria-describedby": "id_country_error",
    "data-none": None,
    "hidden": False,
}


@pytest.mark.parametrize("value", [None, "", "KZ", "UZ", 7, "not a choice"])
@pytest.mark.parametrize("attrs", [None, ATTRS])
def test_the_same_html_as_djangos_select(value, attrs):
    expected = forms.Select(choices=CHOICES).render("country", value, attrs)
    assert LongSelect(choices=CHOICES).render("country", value, attrs) == expected


def crispy(form):
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def with_djangos_select(form):
    """The same form with the country field on Django's own Select."""
    plain = copy.deepcopy(form)
    field = plain.fields["country"]
    field.widget = forms.Select(choices=field.choices)
    return plain


def crispy_class_as_djangos(page):
    """crispy gives each control a class named after its widget: the one difference."""
    assert page.count('class="longselect form-select') == 1
    return page.replace('class="longselect form-select', 'class="select form-select')


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize(
    "data",
    [None, {"name": "Asel", "email": "not an address", "country": "KZ"}, {"country": "nowhere"}],
)
def test_the_petition_form_renders_as_with_djangos_select(language, data):
    """As the petition page renders it (crispy, bootstrap5): unbound, and bound with errors
    (on the country too: aria-invalid and the error's id on the select)."""
    with translation.override(language):
        form = SignatureForm(data=data, action="/en/petitions/inquiry/")
        form.is_valid()
        assert isinstance(form.fields["country"].widget, LongSelect)
        page = crispy(form)
        assert crispy_class_as_djangos(page) == crispy(with_djangos_select(form))
    assert page.count("<option") > 200
