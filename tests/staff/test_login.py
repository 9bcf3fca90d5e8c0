"""The admin's login asks for three things: user name, password and a code from the app."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from campaign.staff.devices import new_backup_codes
from tests.staff.otp import authenticator, code_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
WRONG_LOGIN = "Please enter the correct username, password and code"


def log_in(client, username, code, password=PASSWORD):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": code},
    )


def admin_index_status(client):
    return client.get(reverse("admin:index")).status_code


def test_the_password_and_the_apps_code_open_the_admin(client, moderator):
    response = log_in(client, "moderator", code_for(moderator))

    assert response.status_code == 302
    assert admin_index_status(client) == 200


def test_a_password_alone_opens_nothing(client, moderator):
    authenticator(moderator)
    response = log_in(client, "moderator", "")

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert admin_index_status(client) == 302


def test_a_wrong_code_gets_the_same_answer_as_a_wrong_password(client, moderator):
    code = code_for(moderator)
    wrong_code = f"{(int(code) + 1) % 1000000:06d}"

    wrong_password = log_in(client, "moderator", code, password="not the password")
    right_password = log_in(client, "moderator", wrong_code)

    assert WRONG_LOGIN in wrong_password.content.decode()
    assert WRONG_LOGIN in right_password.content.decode()
    assert admin_index_status(client) == 302


def test_a_code_from_the_app_works_once(client, moderator):
    code = code_for(moderator)
    assert log_in(client, "moderator", code).status_code == 302
    client.logout()

    again = log_in(client, "moderator", code)

    assert again.status_code == 200
    assert admin_index_status(client) == 302


def test_a_backup_code_works_once_instead_of_the_app(client, moderator):
    authenticator(moderator)
    first, *_others = new_backup_codes(moderator)

    assert log_in(client, "moderator", f" {first.upper()} ").status_code == 302
    assert admin_index_status(client) == 200
    client.logout()

    assert log_in(client, "moderator", first).status_code == 200
    assert not StaticToken.objects.filter(token=first).exists()


def test_an_account_without_an_authenticator_cannot_log_in(client, moderator, superuser):
    for username in ("moderator", "root"):
        response = log_in(client, username, "123456")
        assert WRONG_LOGIN in response.content.decode()
        assert admin_index_status(client) == 302


def test_a_session_no_second_factor_verified_is_refused(client, moderator):
    """A session from before the second factor, or one logged in by any other path."""
    authenticator(moderator)
    client.force_login(moderator)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_wrong_codes_count_as_failed_logins(client, settings, moderator):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    code = code_for(moderator)
    wrong_code = f"{(int(code) + 1) % 1000000:06d}"
    for _attempt in range(3):
        log_in(client, "moderator", wrong_code)

    assert log_in(client, "moderator", code).status_code == 429
    assert admin_index_status(client) == 302
