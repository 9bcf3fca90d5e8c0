"""Correction and removal requests: kept for moderators, never public."""

import pytest
from django.urls import reverse

from memorial.models import CorrectionRequest, Person

pytestmark = pytest.mark.django_db

URL = "/en/correction/"


def form_data(**overrides):
    return {
        "person": "",
        "requester_name": "Gulnara",
        "contact": "gulnara@example.org",
        "relation": "family",
        "action": "anonymise",
        "message": "Please show only his initials.",
        "website": "",
        **overrides,
    }


def test_a_request_is_kept_and_thanked(client, content):
    person = Person.objects.get(slug="duisen-nurov")
    response = client.post(URL, form_data(person=person.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("memorial:correction_thanks")
    request = CorrectionRequest.objects.get()
    assert request.person == person
    assert request.state == CorrectionRequest.State.NEW
    assert request.language == "en"
    assert "moderator" in client.get(response["Location"]).content.decode()


def test_requests_appear_on_no_public_page(client, content):
    client.post(URL, form_data(message="A very particular sentence."))
    assert CorrectionRequest.objects.count() == 1
    for url in ["/en/", "/en/people/", "/en/people/duisen-nurov/", "/en/open-data/"]:
        text = client.get(url).content.decode()
        assert "particular sentence" not in text and "gulnara@example.org" not in text
    for dataset in ("people", "harms", "events", "claims", "sources"):
        text = client.get(reverse("memorial:data", args=[dataset, "json"])).content.decode()
        assert "gulnara" not in text


def test_invalid_request_shows_the_form_again(client, content):
    response = client.post(URL, form_data(requester_name="", message=""))
    assert response.status_code == 400
    assert CorrectionRequest.objects.count() == 0


def test_honeypot_stores_nothing(client, content):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert CorrectionRequest.objects.count() == 0


def test_rate_limited(client, content):
    for _ in range(5):
        assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 429
    assert CorrectionRequest.objects.count() == 5


def test_settling_a_request_forgets_the_contact(client, content):
    client.post(URL, form_data())
    client.post(URL, form_data(contact="other@example.org"))
    requests = CorrectionRequest.objects.all()
    assert requests.filter(pk=requests[0].pk).set_state(CorrectionRequest.State.IN_PROGRESS) == 1
    assert requests[0].contact
    assert CorrectionRequest.objects.set_state(CorrectionRequest.State.DONE) == 2
    assert set(CorrectionRequest.objects.values_list("contact", flat=True)) == {""}
    assert CorrectionRequest.objects.filter(handled_at__isnull=True).count() == 0
