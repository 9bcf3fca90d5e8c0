"""One person, one signature, in their own words: no one else can rewrite it or count it twice,
and no counter left over from another database can keep its e-mail from being sent."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from campaign.petitions.models import Signature
from campaign.petitions.tokens import read_confirm_token
from tests.campaign.factories import make_petition
from tests.campaign.test_flow import links_in, sign

pytestmark = pytest.mark.django_db

VICTIM = {
    "name": "Aigul Victim",
    "email": "victim.overwrite@example.org",
    "country": "KZ",
    "city": "Aktau",
    "comment": "My own words.",
    "show_name": "on",
}
STRANGER = {
    "name": "A Stranger",
    "email": "Victim.Overwrite+zz@example.org",
    "country": "RU",
    "city": "Elsewhere",
    "comment": "Words the victim never wrote.",
    "wants_updates": "on",
}


def confirmed_key(link):
    """The key of the signature a confirmation link confirms."""
    return read_confirm_token(link.rstrip("/").rsplit("/", 1)[1])


def test_signing_again_with_another_spelling_never_rewrites_a_pending_signature(client):
    petition = make_petition()
    sign(client, petition, **VICTIM)
    victims_links = links_in(mail.outbox[0])
    # The stranger comes after the double-click window, in another language.
    Signature.objects.update(last_sent_at=None)
    sign_in_russian = reverse("campaign:petition_detail", args=[petition.slug])
    client.post(sign_in_russian.replace("/en/", "/ru/"), STRANGER)

    # The victim's mailbox gets the first confirmation again, nothing of the stranger's.
    assert len(mail.outbox) == 2
    resent = mail.outbox[1]
    assert resent.to == [VICTIM["email"]]
    assert "Aigul Victim" in resent.body and "Stranger" not in resent.body
    # The same link, signed again at sending: it may carry a later second.
    victims_key = Signature.objects.get().key
    assert confirmed_key(links_in(resent)["confirm"]) == victims_key
    assert confirmed_key(victims_links["confirm"]) == victims_key

    client.post(victims_links["confirm"])
    signature = Signature.objects.get()
    assert signature.state == Signature.State.CONFIRMED
    assert (
        signature.name,
        signature.country,
        signature.city,
        signature.comment,
        signature.show_name,
        signature.wants_updates,
        signature.language,
    ) == ("Aigul Victim", "KZ", "Aktau", "My own words.", True, False, "en")
    assert signature.email is None, "the victim did not ask for news: the address is dropped"
    page = client.get(petition.get_absolute_url()).content.decode()
    assert "Aigul Victim" in page
    assert "Stranger" not in page and "Elsewhere" not in page


QUOTED_SPELLINGS = ['"jane.roe1"@gmail.com', '"jane.roe1+x"@gmail.com', "jane.roe1@gmail.com"]


def test_quoted_spellings_of_one_mailbox_are_one_signature_under_one_limit(client, settings):
    petition = make_petition()
    for spelling in QUOTED_SPELLINGS:
        assert sign(client, petition, email=spelling).status_code == 302
    assert Signature.objects.count() == 1
    assert Signature.objects.get().email == "jane.roe1@gmail.com"

    settings.CAMPAIGN_EMAIL_DAILY_LIMIT = len(QUOTED_SPELLINGS)
    assert sign(client, petition, email='"Jane.Roe1+y"@googlemail.com').status_code == 429


REFUSED = ["jane@localhost", "jane@[127.0.0.1]", "jane@127.0.0.1", "ja\x07ne@x.org", "a..b@x.org"]


@pytest.mark.parametrize("address", REFUSED)
def test_addresses_mail_cannot_reach_are_refused_with_a_readable_error(client, address):
    response = sign(client, make_petition(), email=address)
    assert response.status_code == 200
    assert "Enter a valid e-mail address." in response.content.decode()
    assert not Signature.objects.exists()
    assert not mail.outbox


def new_database():
    """Every table emptied and every id sequence restarted, as when a backup is restored
    into a fresh database; the cache is left as it was."""
    call_command("flush", "--noinput", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_email_counters_do_not_outlive_their_database(client, settings):
    settings.CAMPAIGN_EMAILS_PER_SIGNATURE_PER_DAY = 3
    new_database()
    petition = make_petition(slug="restored")
    for _ in range(4):
        sign(client, petition, email="before@example.org")
        Signature.objects.update(last_sent_at=None)
    assert len(mail.outbox) == 3, "the daily limit of one signature"
    earlier = Signature.objects.get().pk

    new_database()
    mail.outbox.clear()
    petition = make_petition(slug="restored")
    response = sign(client, petition, email="first-after@example.org")
    assert response.status_code == 302
    assert Signature.objects.get().pk == earlier, "the same id as in the earlier database"
    assert [message.to for message in mail.outbox] == [["first-after@example.org"]]
