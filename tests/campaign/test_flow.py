"""The whole signing flow through the e-mail, as a signer lives it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from campaign.petitions.models import Petition, Signature
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://[^\s\"<]+/(confirm|withdraw)/[^\s\"<]+/")


def sign(client, petition, **overrides):
    data = {"name": "Asel", "email": "asel@example.org", "country": "KZ", "city": ""}
    data.update(overrides)
    return client.post(petition.get_absolute_url(), data)


def links_in(message):
    found = {
        kind: match.group(0) for match in LINK.finditer(message.body) for kind in [match.group(1)]
    }
    html = message.alternatives[0].content
    for kind, url in found.items():
        assert url in html, kind
    return {kind: url.replace("http://127.0.0.1:8000", "") for kind, url in found.items()}


def test_sign_confirm_and_withdraw_through_the_email(client):
    petition = make_petition()
    response = sign(client, petition, email="Asel@Example.org", show_name="on")
    assert response.status_code == 302
    assert response["Location"] == reverse("campaign:check_inbox", args=[petition.slug])
    assert client.get(response["Location"]).status_code == 200
    assert petition.exact_count() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Asel@example.org"]
    assert message.subject == "Please confirm your e-mail address"
    assert "petition" not in message.subject.lower()
    assert message.alternatives[0].mimetype == "text/html"
    links = links_in(message)

    page = client.get(links["confirm"])
    assert page.status_code == 200
    assert b"Confirm my signature" in page.content
    assert petition.exact_count() == 0, "GET must never confirm (mail scanners open links)"

    confirmed = client.post(links["confirm"])
    assert confirmed.status_code == 302
    assert petition.exact_count() == 1
    signature = Signature.objects.get()
    assert signature.state == Signature.State.CONFIRMED
    assert signature.email is None
    assert b"your signature is confirmed" in client.get(links["confirm"]).content

    again = client.post(links["confirm"])
    assert again.status_code == 302
    assert petition.exact_count() == 1

    ask = client.get(links["withdraw"])
    assert ask.status_code == 200
    assert b"Delete my signature" in ask.content
    assert Signature.objects.exists(), "GET must never delete"
    done = client.post(links["withdraw"])
    assert done.status_code == 302
    assert not Signature.objects.exists()
    assert petition.exact_count() == 0
    assert b"has been withdrawn" in client.get(done["Location"]).content
    assert client.post(links["withdraw"]).status_code == 302


def test_email_is_sent_in_the_signers_language(client):
    petition = make_petition()
    client.post(
        reverse("campaign:petition_detail", args=[petition.slug]).replace("/en/", "/ru/"),
        {"name": "Асель", "email": "a@example.org", "country": "KZ"},
    )
    assert Signature.objects.get().language == "ru"
    links = links_in(mail.outbox[0])
    assert links["confirm"].startswith("/ru/petitions/confirm/")


SPELLINGS = [
    "jane.doe@gmail.com",
    "JaneDoe@gmail.com",
    " janedoe+petition@googlemail.com ",
    "J.A.N.E.D.O.E@GMAIL.COM",
    "janedoe+zhanaozen@gmail.com",
]


def test_every_spelling_of_one_address_is_one_signature_and_one_identical_answer(client):
    petition = make_petition()
    responses = [sign(client, petition, email=spelling) for spelling in SPELLINGS]
    assert Signature.objects.count() == 1
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("campaign:check_inbox", args=[petition.slug]))
    }


def identical(response_a, response_b):
    return (
        response_a.status_code == response_b.status_code
        and response_a.get("Location") == response_b.get("Location")
        and response_a.content == response_b.content
        and sorted(response_a.cookies) == sorted(response_b.cookies)
    )


def test_new_pending_and_confirmed_addresses_get_the_same_answer(client, settings):
    settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY = 10
    petition = make_petition()
    new = sign(client, petition, email="new@example.org")
    pending = sign(client, petition, email="new@example.org")
    sign(client, petition, email="done@example.org")
    Signature.objects.get(email="done@example.org")
    from campaign.petitions import signing

    signing.confirm(Signature.objects.get(email="done@example.org"))
    confirmed = sign(client, petition, email="done@example.org")
    assert identical(new, pending)
    assert identical(new, confirmed)
    assert Signature.objects.count() == 2
    assert petition.exact_count() == 1


def test_a_confirmed_signer_hears_about_a_repeat_only_if_we_still_hold_the_address(client):
    petition = make_petition()
    sign(client, petition, email="keep@example.org", wants_updates="on")
    sign(client, petition, email="drop@example.org")
    for signature in Signature.objects.all():
        from campaign.petitions import signing

        signing.confirm(signature)
    Signature.objects.update(last_sent_at=None)
    mail.outbox.clear()
    sign(client, petition, email="keep@example.org")
    sign(client, petition, email="drop@example.org")
    assert [m.to for m in mail.outbox] == [["keep@example.org"]]
    assert mail.outbox[0].subject == "About your e-mail address"
    assert "withdraw" in mail.outbox[0].body


def test_a_pending_address_gets_its_confirmation_again_a_few_times_a_day(client, settings):
    settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY = 3
    petition = make_petition()
    for _ in range(6):
        sign(client, petition, email="again@example.org")
        # Each repeat comes after the double-click window.
        Signature.objects.update(last_sent_at=None)
    assert len(mail.outbox) == 3
    assert Signature.objects.get().confirmation_sent_count == 3


def test_a_double_click_sends_one_email(client):
    petition = make_petition()
    sign(client, petition)
    sign(client, petition)
    assert len(mail.outbox) == 1
    assert Signature.objects.count() == 1


def test_honeypot_gets_the_normal_answer_and_records_nothing(client):
    petition = make_petition()
    response = sign(client, petition, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("campaign:check_inbox", args=[petition.slug])
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_invalid_form_keeps_what_was_typed_and_says_what_to_fix(client):
    petition = make_petition()
    response = sign(client, petition, email="not-an-address", name="Ғалым", city="Шетпе")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a valid email address" in content or "Enter a valid e-mail address" in content
    assert 'value="Ғалым"' in content
    assert 'value="Шетпе"' in content
    assert 'value="not-an-address"' in content
    assert "has not been recorded yet" in content
    assert not Signature.objects.exists()


def test_missing_csrf_token_gets_the_readable_403(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    petition = make_petition()
    response = strict.post(
        petition.get_absolute_url(), {"name": "A", "email": "a@example.org", "country": "KZ"}
    )
    assert response.status_code == 403
    assert b"The form has expired" in response.content
    assert not Signature.objects.exists()


def test_closed_petition_shows_its_final_count_and_no_form(client):
    petition = make_petition(state=Petition.State.CLOSED)
    page = client.get(petition.get_absolute_url())
    assert page.status_code == 200
    assert b"This petition is closed" in page.content
    assert b'name="email"' not in page.content
    response = sign(client, petition)
    assert response.status_code == 409
    assert not Signature.objects.exists()


def test_confirming_after_the_petition_closed_does_not_count(client):
    petition = make_petition()
    sign(client, petition)
    links = links_in(mail.outbox[0])
    Petition.objects.filter(pk=petition.pk).update(state=Petition.State.CLOSED)
    client.post(links["confirm"])
    assert petition.exact_count() == 0
    assert b"closed" in client.get(links["confirm"]).content
