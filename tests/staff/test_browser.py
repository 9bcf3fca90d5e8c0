"""A new moderator's first login in Chromium, with DEBUG off and the site's CSP: the link, the
password, the QR code and key, the code from the app, the backup codes, the admin; then a
login with a backup code. No CSP violation, no request to another host."""

from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.db import connections
from django_otp.oath import TOTP

from campaign.staff.links import enrolment_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_moderator_enrols_and_logs_in_under_the_csp(live_server, page_watch, moderator):
    # The page's own database connection must close, or PostgreSQL cannot drop the database.
    try:
        enrol_and_log_in(live_server, page_watch, moderator)
    finally:
        connections.close_all()


def enrol_and_log_in(live_server, page, moderator):
    page.goto(live_server.url + urlsplit(enrolment_url(moderator)).path)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Continue").click()

    qr_code = page.get_by_role("img", name="QR code for your authenticator app")
    assert qr_code.bounding_box()["width"] > 150
    key = page.locator(".staff-key code").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill(f"{TOTP(b32decode(key)).token():06d}")
    page.get_by_role("button", name="Confirm").click()

    codes = page.locator(".staff-backup-codes code").all_inner_texts()
    assert len(codes) == 10
    assert "nonce" not in page.inner_text("body")
    page.get_by_role("link", name="Continue to the moderation pages").click()
    assert page.locator("#site-name").inner_text() == "Zhanaozen memorial — moderation"
    page.get_by_role("button", name="Log out").click()

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("button", name="Log out").is_visible()

    page.wait_for_load_state("networkidle")
    assert page.problems == []
    own = urlsplit(live_server.url).netloc
    assert [url for url in page.requested if urlsplit(url).netloc not in (own, "")] == []
