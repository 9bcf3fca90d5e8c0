import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.moderation.conftest import admin_url, bulk_signatures
from tests.staff.otp import code_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_the_admin_path_comes_from_the_environment():
    script = (
        "import django; django.setup();"
        "from django.urls import reverse, resolve, Resolver404;"
        "print(reverse('admin:index'));"
        "print(resolve('/back-office/').namespace);"
        "\ntry:\n    resolve('/admin/')\nexcept Resolver404:\n    print('no /admin/')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ADMIN_PATH": "/back-office/",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["/back-office/", "admin", "no /admin/"]


def test_login_attempts_are_limited(client, settings, moderator):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    url = admin_url("login")
    for _attempt in range(3):
        response = client.post(
            url, {"username": "moderator", "password": "wrong guess", "otp_token": "123456"}
        )
        assert response.status_code in (200, 429)
    response = client.post(
        url,
        {
            "username": "moderator",
            "password": "correct horse battery staple",
            "otp_token": code_for(moderator),
        },
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    other = client.post(
        url, {"username": "root", "password": "x", "otp_token": "123456"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 200


def test_the_right_password_still_works_below_the_limit(client, settings, moderator):
    settings.AXES_ENABLED = True
    url = admin_url("login")
    client.post(url, {"username": "moderator", "password": "wrong guess", "otp_token": "123456"})
    response = client.post(
        url,
        {
            "username": "moderator",
            "password": "correct horse battery staple",
            "otp_token": code_for(moderator),
        },
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)


def test_every_moderation_page_is_never_stored(as_user, campaign_lead, petition):
    (signature,) = bulk_signatures(petition, 1)
    client = as_user(campaign_lead)
    for url in [
        admin_url("index"),
        admin_url("campaign_signature_changelist"),
        admin_url("campaign_signature_change", signature.pk),
        admin_url("campaign_signaturecomment_changelist"),
        admin_url("campaign_signature_invalidate"),
        admin_url("campaign_dashboard"),
        admin_url("campaign_dashboard_chart", "signatures"),
        admin_url("campaign_petition_export", petition.pk),
        admin_url("campaign_exportlog_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url
