"""The unsubscribe page: GET asks, only POST acts; the address goes at once, the signature
stays counted."""

import pytest
from django.urls import reverse
from django.utils import translation

from campaign.petitions.models import Petition, Signature
from campaign.updates.emails import unsubscribe_url
from campaign.updates.tokens import unsubscribe_token
from tests.campaign.factories import make_signature
from tests.updates.conftest import recipient, still_holds_address

pytestmark = pytest.mark.django_db


def path_for(signature):
    with translation.override(signature.language):
        return reverse("updates:unsubscribe", args=[unsubscribe_token(signature.key)])


def count(petition):
    return Petition.objects.with_counts().get(pk=petition.pk).confirmed_total


def test_opening_the_link_only_asks(visitor, petition):
    reader = recipient(petition, "ru")
    page = visitor.get(path_for(reader))
    assert '<html lang="ru"' in page.text and "Отписаться" in page.forms[0].text
    assert reader.email not in page.text
    assert still_holds_address(reader)
    assert Signature.objects.get(pk=reader.pk).wants_updates


def test_the_button_as_rendered_unsubscribes_and_drops_the_address(visitor, petition):
    reader = recipient(petition, "kk")
    before = count(petition)
    page = visitor.get(path_for(reader)).forms[0].submit()
    assert page.status_code == 200
    reader = Signature.objects.get(pk=reader.pk)
    assert reader.email is None and not reader.wants_updates
    # Still one signature, still counted, and the address still cannot sign twice.
    assert reader.state == Signature.State.CONFIRMED and reader.email_digest
    assert count(petition) == before
    # Opening the link again says it is done.
    assert not visitor.get(path_for(reader)).forms


def test_a_pending_signer_keeps_the_address_their_confirmation_needs(client, petition):
    pending = make_signature(petition, email="later@example.org", wants_updates=True)
    client.post(path_for(pending), {"List-Unsubscribe": "One-Click"})
    pending = Signature.objects.get(pk=pending.pk)
    assert pending.email == "later@example.org" and not pending.wants_updates


@pytest.mark.parametrize("token", ["nonsense", unsubscribe_token("no-such-key")[:-2] + "xx"])
def test_a_damaged_link_changes_nothing(client, petition, token):
    reader = recipient(petition)
    path = reverse("updates:unsubscribe", args=[token])
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 400
    assert client.get(path).status_code == 400
    assert still_holds_address(reader)


def test_the_link_is_in_the_signers_language_and_holds_no_address(settings, petition):
    reader = recipient(petition, "kk")
    url = unsubscribe_url(reader.key, reader.language)
    assert url.startswith(settings.SITE_URL + "/kk/updates/unsubscribe/")
    assert "@" not in url and reader.email.split("@")[0] not in url
