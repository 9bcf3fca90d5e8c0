"""The check-inbox page: where the e-mail went, masked, and a button to send it again.

The address stays in the signer's own browser: never in a URL, a log, the cache or another
visitor's page; and the page is the same whether the address was new or had signed."""

import logging
import pickle
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaign.petitions import signing
from campaign.petitions.inbox import MAX_AGE, cookie_name, mask
from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def petition():
    return make_petition()


@pytest.fixture
def browser_client():
    """A client that checks CSRF tokens as the site does for a browser."""
    return Client(enforce_csrf_checks=True)


def sign(client, petition, email, **extra):
    """Sign as a browser does: load the page, post the form with its CSRF token."""
    page = client.get(petition.get_absolute_url()).content.decode()
    data = {"name": "Asel", "email": email, "country": "KZ", **extra}
    data["csrfmiddlewaretoken"] = CSRF_INPUT.search(page).group(1)
    return client.post(petition.get_absolute_url(), data)


def inbox_url(petition):
    return reverse("campaign:check_inbox", args=[petition.slug])


def without_tokens(html):
    return CSRF_INPUT.sub("", html)


def send_again(client, petition):
    page = client.get(inbox_url(petition)).content.decode()
    token = CSRF_INPUT.search(page).group(1)
    return client.post(inbox_url(petition), {"csrfmiddlewaretoken": token})


def test_the_address_is_shown_masked_and_only_to_the_browser_that_signed(
    browser_client, petition, caplog
):
    caplog.set_level(logging.DEBUG)
    response = sign(browser_client, petition, "asel.nurlanovna@gmail.com")
    assert response.status_code == 302
    assert response["Location"] == inbox_url(petition)
    cookie = response.cookies[cookie_name()]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert int(cookie["max-age"]) == MAX_AGE

    page = browser_client.get(response["Location"])
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    html = page.content.decode()
    assert "We have sent an e-mail to a•••@gmail.com." in html
    assert "asel.nurlanovna" not in html

    stranger = Client().get(inbox_url(petition)).content.decode()
    assert "•••" not in stranger
    assert "the address you gave" in stranger

    kept = pickle.dumps(dict(cache._cache))
    assert b"asel.nurlanovna" not in kept
    assert "asel.nurlanovna" not in cookie.value
    assert not [r for r in caplog.records if "asel.nurlanovna" in r.getMessage()]


def test_the_page_is_the_same_for_a_new_and_a_confirmed_address(petition):
    confirmed, _ = signing.sign(petition, name="A", email="aliya@example.org", country="KZ")
    signing.confirm(confirmed)
    pages = []
    for address in ("amir@example.org", "aliya@example.org"):
        client = Client(enforce_csrf_checks=True)
        response = sign(client, petition, address)
        assert list(response.cookies) == [cookie_name()]
        pages.append(without_tokens(client.get(response["Location"]).content.decode()))
    assert "a•••@example.org" in pages[0]
    assert pages[0] == pages[1]


def test_send_again_is_a_post_with_csrf_under_the_same_limits(browser_client, petition, settings):
    settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY = 2
    sign(browser_client, petition, "asel@example.org")
    assert len(mail.outbox) == 1
    assert browser_client.post(inbox_url(petition)).status_code == 403

    # Within a minute of the first e-mail: a double click, nothing sent.
    response = send_again(browser_client, petition)
    assert response.status_code == 302
    assert response["Location"] == inbox_url(petition) + "?again=1"
    assert len(mail.outbox) == 1
    assert "We have sent the e-mail again" in browser_client.get(response["Location"]).text

    Signature.objects.update(last_sent_at=timezone.now() - timedelta(minutes=2))
    send_again(browser_client, petition)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["asel@example.org"]
    assert mail.outbox[1].subject == mail.outbox[0].subject

    Signature.objects.update(last_sent_at=timezone.now() - timedelta(minutes=2))
    send_again(browser_client, petition)
    assert len(mail.outbox) == 2, "the daily limit per signature holds"


def test_send_again_counts_against_the_clients_signing_limit(browser_client, petition, settings):
    settings.CAMPAIGN_SIGN_BURST_LIMIT = 2
    sign(browser_client, petition, "asel@example.org")
    assert send_again(browser_client, petition).status_code == 302
    assert send_again(browser_client, petition).status_code == 429


def test_send_again_answers_alike_for_a_confirmed_address_and_sends_nothing(
    browser_client, petition
):
    confirmed, _ = signing.sign(petition, name="A", email="aliya@example.org", country="KZ")
    signing.confirm(confirmed)
    sign(browser_client, petition, "aliya@example.org")
    Signature.objects.update(last_sent_at=None)
    response = send_again(browser_client, petition)
    assert response["Location"] == inbox_url(petition) + "?again=1"
    assert mail.outbox == []


def test_an_altered_or_foreign_cookie_shows_no_address(browser_client, petition):
    sign(browser_client, petition, "asel@example.org")
    other = make_petition()
    assert "•••" not in browser_client.get(inbox_url(other)).content.decode()
    browser_client.cookies[cookie_name()] = "eyJ0byI6ICJ4QGV2aWwub3JnIn0:forged:signature"
    html = browser_client.get(inbox_url(petition)).content.decode()
    assert "•••" not in html


@pytest.mark.parametrize(
    ("address", "masked"),
    [("asel@gmail.com", "a•••@gmail.com"), ("x@example.org", "x•••@example.org")],
)
def test_mask_keeps_the_first_letter_and_the_domain(address, masked):
    assert mask(address) == masked
