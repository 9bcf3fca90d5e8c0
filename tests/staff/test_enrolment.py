"""A new account's first login: the enrolment link, the password, the app, the backup codes."""

import re
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaign.staff.links import enrolment_url
from tests.staff.otp import authenticator, verified_login

pytestmark = pytest.mark.django_db

PASSWORD = "copper meadow signal 77"
LINK = re.compile(r"http://\S+/enrol/\S+/")


def link_path(output):
    (link,) = LINK.findall(output)
    return urlsplit(link).path


def create_moderator(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_MODERATOR_PASSWORD", PASSWORD)
    call_command("create_staff", "--noinput", "--role", "moderator")
    return link_path(capsys.readouterr().out)


def app_code(page):
    """What an authenticator app shows after the person typed the key from the page."""
    key = re.search(r'class="staff-key"><code>([A-Z2-7 ]+)</code>', page).group(1)
    return f"{TOTP(b32decode(key.replace(' ', ''))).token():06d}"


def enrol(client, link, password=PASSWORD):
    client.post(link, {"password": password})
    page = client.get(reverse("admin:staff_enrol_authenticator")).content.decode()
    return client.post(reverse("admin:staff_enrol_authenticator"), {"code": app_code(page)})


def test_a_new_moderator_enrols_through_the_link_create_staff_prints(client, monkeypatch, capsys):
    link = create_moderator(monkeypatch, capsys)

    first = client.get(link)
    assert first.status_code == 200
    assert "moderator" in first.content.decode()
    assert client.post(link, {"password": "not it"}).status_code == 200
    step_two = client.post(link, {"password": PASSWORD})
    assert step_two["Location"] == reverse("admin:staff_enrol_authenticator")

    page = client.get(step_two["Location"]).content.decode()
    assert re.search(r"<svg[^>]*>\s*<path d=", page), "the QR code, inline"
    assert " style=" not in page and "<script" not in page.split("</head>")[1]
    done = client.post(step_two["Location"], {"code": app_code(page)})

    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert client.get(reverse("admin:index")).status_code == 200, "logged in, verified"
    assert TOTPDevice.objects.get().confirmed


def test_the_link_works_once(client, monkeypatch, capsys):
    link = create_moderator(monkeypatch, capsys)
    enrol(client, link)
    client.logout()

    assert client.get(link).status_code == 410
    assert client.post(link, {"password": PASSWORD}).status_code == 410


def test_the_password_is_needed_before_any_key_is_shown(client, monkeypatch, capsys):
    link = create_moderator(monkeypatch, capsys)
    client.get(link)
    client.post(link, {"password": "a guess"})

    assert client.get(reverse("admin:staff_enrol_authenticator")).status_code == 410
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_from_the_app_confirms_nothing(client, monkeypatch, capsys):
    link = create_moderator(monkeypatch, capsys)
    client.post(link, {"password": PASSWORD})
    page = client.get(reverse("admin:staff_enrol_authenticator")).content.decode()
    wrong = f"{(int(app_code(page)) + 1) % 1000000:06d}"

    response = client.post(reverse("admin:staff_enrol_authenticator"), {"code": wrong})

    assert response.status_code == 200
    assert "not the code the app shows now" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_expired_link_is_refused(client, settings, moderator):
    link = urlsplit(enrolment_url(moderator)).path
    settings.STAFF_ENROLMENT_HOURS = 0

    assert client.get(link).status_code == 410


def test_the_same_link_opened_again_enrols_only_the_newer_browser(client, moderator):
    link = urlsplit(enrolment_url(moderator)).path
    other = Client()
    pages = []
    for browser in (client, other):
        browser.post(link, {"password": "correct horse battery staple"})
        pages.append(browser.get(reverse("admin:staff_enrol_authenticator")).content.decode())

    url = reverse("admin:staff_enrol_authenticator")
    assert client.post(url, {"code": app_code(pages[0])}).status_code == 410
    assert other.post(url, {"code": app_code(pages[1])}).status_code == 200
    assert client.post(url, {"code": app_code(pages[0])}).status_code == 410
    assert TOTPDevice.objects.get().confirmed


def test_enrol_staff_resets_a_lost_phone_only_when_asked(client, moderator, capsys):
    authenticator(moderator)
    with pytest.raises(CommandError, match="--reset"):
        call_command("enrol_staff", "moderator")

    call_command("enrol_staff", "--reset", "moderator")

    assert not TOTPDevice.objects.exists()
    link = link_path(capsys.readouterr().out)
    assert enrol(client, link, "correct horse battery staple").status_code == 200
    assert TOTPDevice.objects.get().confirmed


def test_createsuperuser_prints_the_enrolment_link(client, monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "violet engine summer 82")
    call_command("createsuperuser", "--noinput", "--username", "admin", "--email", "a@b.org")

    output = capsys.readouterr().out
    assert "Superuser created successfully." in output
    user = get_user_model().objects.get(username="admin")
    assert link_path(output) == urlsplit(enrolment_url(user)).path


def test_a_logged_in_moderator_makes_new_backup_codes(client, moderator):
    verified_login(client, moderator)
    url = reverse("admin:staff_backup_codes")
    assert "0 unused backup codes" in client.get(url).content.decode()

    response = client.post(url)

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert "10 unused backup codes" in client.get(url).content.decode()
    client.logout()
    assert client.get(url).status_code == 302
