"""The admin names the site in the moderator's language, and staff rights outside the admin
(the editors' preview) need a verified session too."""

import pytest
from django.urls import reverse

from memorial.models import Person
from tests.staff.otp import verified_login

pytestmark = pytest.mark.django_db

HEADERS = {
    "en": "Zhanaozen memorial — moderation",
    "ru": "Мемориал Жанаозена — модерация",
    "kk": "Жаңаөзен мемориалы — модерация",
}


@pytest.mark.parametrize("language", list(HEADERS))
def test_the_admin_names_the_site(client, moderator, language):
    login_page = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE=language)
    verified_login(client, moderator)
    index = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language)

    for page in (login_page, index):
        html = page.content.decode()
        assert f'<div id="site-name"><a href="/admin/">{HEADERS[language]}</a></div>' in html
        assert f"| {HEADERS[language]}</title>" in html
        assert "Django" not in html


def test_an_editors_preview_needs_a_verified_session(client, editor):
    person = Person.objects.create(slug="hidden", name_en="Hidden Person", published=False)
    url = reverse("memorial:person_detail", args=[person.slug])

    client.force_login(editor)
    assert client.get(url).status_code == 404

    verified_login(client, editor)
    assert client.get(url).status_code == 200
