"""The petition in a real browser: signing without JavaScript, hostile input shown as text,
no CSP violation, nothing loaded from another host."""

import functools
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connections

from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition, make_signature

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def closes_connections(test):
    """With Playwright's sync API running, the test body sees its own context, in which Django
    opens a second database connection; close it from there, or PostgreSQL refuses to drop
    the test database at the end ("being accessed by other users")."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        try:
            return test(*args, **kwargs)
        finally:
            connections.close_all()

    return wrapper


XSS_NAME = '<img src=x onerror="window.__xss=1">Aigerim'
XSS_CITY = "<script>window.__xss=2</script>Aktau"
XSS_COMMENT = '"><svg onload="window.__xss=3">Justice'


def foreign_requests(page, base_url):
    own = urlsplit(base_url).netloc
    return [url for url in page.requested if urlsplit(url).netloc not in (own, "")]


@closes_connections
def test_sign_confirm_with_hostile_input_in_chromium_without_javascript(live_server, browser):
    petition = make_petition(slug="browser-petition")
    for index in range(5):
        make_signature(petition, state="confirmed", country="KZ", name=f"Filler {index}")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + petition.get_absolute_url())
    page.fill("#id_name", XSS_NAME)
    page.fill("#id_email", "aigerim@example.org")
    page.select_option("#id_country", "KZ")
    page.fill("#id_city", XSS_CITY)
    page.fill("#id_comment", XSS_COMMENT)
    page.check("#id_show_name")
    page.click("input[type=submit][name=sign]")
    assert page.url.endswith("/check-your-inbox/")
    confirm = re.search(r"http://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(confirm.replace("http://127.0.0.1:8000", live_server.url))
    assert XSS_NAME in page.inner_text("main")
    page.click("button[type=submit]")
    assert "your signature is confirmed" in page.inner_text("h1")
    context.close()

    assert petition.exact_count() == 6


@closes_connections
def test_hostile_signer_text_is_inert_on_the_petition_page(live_server, page_watch):
    petition = make_petition(slug="xss-petition")
    for index in range(5):
        make_signature(petition, state="confirmed", country="GB", name=f"Filler {index}")
    signature = make_signature(
        petition,
        state="confirmed",
        name=XSS_NAME,
        city=XSS_CITY,
        comment=XSS_COMMENT,
        show_name=True,
    )
    Signature.objects.filter(pk=signature.pk).update(comment_state="approved")
    page = page_watch
    page.on("dialog", lambda dialog: page.problems.append(f"dialog: {dialog.message}"))
    response = page.goto(live_server.url + petition.get_absolute_url())
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    signers = page.inner_text(".recent-signers")
    assert XSS_NAME in signers
    assert XSS_CITY in signers
    assert XSS_COMMENT in signers
    assert page.evaluate("window.__xss") is None
    assert (
        page.locator(".recent-signers img, .recent-signers script, .recent-signers svg").count()
        == 0
    )
    # The map is an image that loaded (its inline <style> is inside the image, not the page).
    assert page.evaluate(
        "document.querySelector('img.petition-map').complete"
        " && document.querySelector('img.petition-map').naturalWidth > 0"
    )
    assert page.problems == []
    assert foreign_requests(page, live_server.url) == []


@closes_connections
def test_petition_page_fits_a_small_screen(live_server, page_watch):
    petition = make_petition(slug="small-screen")
    page = page_watch
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + petition.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.problems == []
