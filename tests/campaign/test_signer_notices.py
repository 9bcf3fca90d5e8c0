"""What a signer is told: a phone's preview of our e-mail names no petition, and the choice to
show a name comes with what that can mean in Kazakhstan."""

import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from campaign.petitions import forms
from campaign.petitions.forms import SignatureForm
from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition, make_signature
from tests.campaign.test_flow import sign

pytestmark = pytest.mark.django_db

# More than a lock screen or an inbox list shows of a message (about 100 to 140 characters).
PREVIEW_CHARACTERS = 160
TITLES = {"en": "Justice for Zhanaozen", "ru": "Правда о Жанаозене", "kk": "Жаңаөзен үшін әділдік"}  # noqa: RUF001
REVEALING = {"en": "petition", "ru": "петици", "kk": "петиция"}


def preview(text):
    return " ".join(text.split())[:PREVIEW_CHARACTERS].casefold()


def html_text(html):
    body = html[html.index("<body>") :]
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("state", ["pending", "confirmed"])
def test_the_preview_of_our_email_names_no_petition(client, language, state):
    petition = make_petition(**{f"title_{lang}": title for lang, title in TITLES.items()})
    make_signature(
        petition, email="asel@example.org", state=state, wants_updates=True, language=language
    )
    mail.outbox.clear()
    Signature.objects.update(last_sent_at=None)
    with translation.override(language):
        sign(client, petition, email="asel@example.org")
    message = mail.outbox[0]
    for text in (message.subject, message.body, html_text(message.alternatives[0].content)):
        shown = preview(text)
        assert TITLES[language].casefold() not in shown, shown
        assert REVEALING[language] not in shown, shown
        assert "zhanaozen" not in shown and "жаңаөзен" not in shown, shown
    assert TITLES[language] in message.body, "the petition is named further down"


def test_the_show_name_box_warns_about_kazakhstan_with_a_link(client):
    petition = make_petition()
    html = client.get(petition.get_absolute_url()).content.decode()
    help_block = html[html.index('id="id_show_name_helptext"') :]
    help_block = help_block[: help_block.index("</div>")]
    assert "the authorities in Kazakhstan included" in help_block
    privacy = reverse("campaign:privacy")
    assert f'<a href="{privacy}#kazakhstan">' in help_block
    assert 'aria-describedby="id_show_name_helptext"' in html
    assert 'id="kazakhstan"' in client.get(privacy).content.decode()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_warning_is_translated(language):
    with translation.override(language):
        help_text = str(SignatureForm().fields["show_name"].help_text)
        english = "the authorities in Kazakhstan included"
        assert english not in help_text
        assert f'href="/{language}/petitions/privacy/#kazakhstan"' in help_text


def test_the_warning_escapes_its_text(monkeypatch):
    monkeypatch.setattr(forms, "_", lambda text: '<img src=x onerror="alert(1)">')
    help_text = str(SignatureForm().fields["show_name"].help_text)
    assert "<img" not in help_text
    assert "&lt;img" in help_text
