"""The petition in the signer's language: counts with Russian plurals, Kazakh errors and e-mail."""

import re

import pytest
from django.core import mail
from django.utils import translation

from campaign.petitions.models import Signature, SignatureCountShard
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db


def petition_with_count(slug, count):
    petition = make_petition(slug=slug, title_en=f"Petition {slug}", title_ru=f"Петиция {slug}")
    SignatureCountShard.objects.create(petition=petition, country="KZ", shard=0, count=count)
    return petition


def test_signature_counts_use_the_three_russian_plural_forms(client):
    for count in (1, 2, 5, 21):
        petition_with_count(f"p{count}", count)
    russian = " ".join(client.get("/ru/petitions/").content.decode().split())
    assert "1 подтверждённая подпись" in russian
    assert "2 подтверждённые подписи" in russian
    assert "5 подтверждённых подписей" in russian
    assert "21 подтверждённая подпись" in russian
    kazakh = " ".join(client.get("/kk/petitions/").content.decode().split())
    for count in (1, 2, 5, 21):
        assert f"{count} расталған қолтаңба" in kazakh


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "подтверждённая подпись"),
        (2, "подтверждённые подписи"),
        (5, "подтверждённых подписей"),
        (21, "подтверждённая подпись"),
    ],
)
def test_the_petition_page_counts_in_russian(client, count, words):
    petition = petition_with_count("counted", count)
    with translation.override("ru"):
        url = petition.get_absolute_url()
    page = " ".join(client.get(url).content.decode().split())
    assert re.search(rf'<span class="lead-figure">{count}</span> {words} \(цель', page)


def sign(client, language, **fields):
    petition = make_petition(slug="inquiry", title_ru="Расследование", title_kk="Тергеу")  # noqa: RUF001
    with translation.override(language):
        url = petition.get_absolute_url()
    data = {"name": "Асель", "email": "asel@example.org", "country": "KZ", **fields}
    return client.post(url, data)


def test_a_kazakh_speaking_signer_gets_the_confirmation_in_kazakh(client):
    response = sign(client, "kk")
    assert response.status_code == 302
    assert Signature.objects.get().language == "kk"
    (message,) = mail.outbox
    assert message.subject == "Электрондық пошта мекенжайыңызды растаңыз"
    assert "Сәлеметсіз бе, Асель!" in message.body  # noqa: RUF001
    assert "«Тергеу» петициясына қол қойды" in message.body  # noqa: RUF001
    assert "Сілтеме 7 күн жарамды." in message.body
    assert "/kk/petitions/confirm/" in message.body
    html = message.alternatives[0].content
    assert '<html lang="kk">' in html and "Қолтаңбамды растау" in html
    for english in ["Hello", "Someone, probably you", "The link works", "Delete this signature"]:
        assert english not in message.body and english not in html


def test_a_russian_speaking_signer_gets_the_confirmation_in_russian(client):
    sign(client, "ru")
    (message,) = mail.outbox
    assert message.subject == "Пожалуйста, подтвердите свой адрес электронной почты"
    assert "Ссылка действует 7 дней." in message.body
    assert "/ru/petitions/confirm/" in message.body


def test_form_errors_are_in_kazakh_where_djangos_catalog_has_none(client):
    response = sign(client, "kk", email="not-an-address", name="Ә" * 300)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Дұрыс электрондық пошта мекенжайын енгізіңіз." in page
    assert re.search(r"Бұл мән \d+ таңбадан аспауы керек \(қазір 300\)\.", page)
    assert "Enter a valid" not in page and "Ensure this value" not in page
    assert not mail.outbox


def test_the_correction_forms_empty_choice_is_translated(client):
    page = client.get("/kk/correction/").content.decode()
    assert "- Нұсқаны таңдаңыз -" in page
    assert "Select an option" not in page
