"""Input no browser sends gets a 400 or the page it meant, never a 500, and is never stored."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from campaign.lib.querystring import positive_int
from campaign.petitions.admin.dashboard import chosen
from memorial.loading import load_memorial
from memorial.models import CorrectionRequest, Tribute

pytestmark = pytest.mark.django_db

CANDLES = "/en/candles/"
CORRECTION = "/en/correction/"
# Characters int() refuses or reads although str.isdigit() accepts them; a number no 64-bit
# column holds; signs, spaces and underscores int() would read.
NOT_NUMBERS = ["²", "١٢", "٣", "9" * 30, "-3", " 4", "1_000", "0", "", "1e3"]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_only_ascii_digits_are_read_as_a_number(value):
    assert positive_int(value) is None


def test_a_number_in_ascii_digits_is_read():
    assert positive_int("42") == 42
    assert positive_int("007") == 7
    assert positive_int("9" * 18) == int("9" * 18)


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_candles_page_ignores_a_before_that_is_no_number(client, value):
    response = client.get(CANDLES, {"before": value})
    assert response.status_code == 200
    assert "Light a candle" in response.content.decode()


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_oembed_ignores_a_size_that_is_no_number(client, value):
    load_memorial()
    url = settings.SITE_URL + "/en/"
    response = client.get("/oembed/", {"url": url, "maxwidth": value, "maxheight": value})
    assert response.status_code == 200
    assert response.json()["width"] == 600


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_dashboard_ignores_a_petition_that_is_no_number(value):
    request = RequestFactory().get("/", {"petition": value, "days": value})
    assert chosen(request) == (30, None)


def candle(client, **data):
    return client.post(CANDLES, {"first_name": "", "message": "", "website": "", **data})


def test_an_empty_post_lights_no_candle(client):
    response = client.post(CANDLES)
    assert response.status_code == 400
    assert "This form could not be read" in response.content.decode()
    assert not Tribute.objects.exists()


def test_a_json_post_lights_no_candle(client):
    response = client.post(
        CANDLES, '{"first_name": "", "message": ""}', content_type="application/json"
    )
    assert response.status_code == 400
    assert not Tribute.objects.exists()


def test_the_form_as_sent_by_a_browser_still_lights_an_anonymous_candle(client):
    assert candle(client).status_code == 302
    assert Tribute.objects.get().first_name == ""


@pytest.mark.parametrize(
    "field, text",
    [
        ("first_name", "Ai\u202egul"),  # right-to-left override
        ("first_name", "Aigul\u2066"),  # isolate
        ("first_name", "Ai\x00gul"),
        ("first_name", "Ai\ngul"),
        ("message", "We remember \u202eti"),
        ("message", "We\x07 remember"),
        ("message", "\ue000"),  # private use
    ],
)
def test_a_candle_with_control_or_direction_characters_is_refused(client, field, text):
    response = candle(client, **{field: text})
    assert response.status_code == 400
    assert "invisible or control characters" in response.content.decode()
    assert not Tribute.objects.exists()


def test_a_candle_message_keeps_its_line_breaks_in_nfc(client):
    assert (
        candle(client, first_name=" Ayaulym ", message="Cafe\u0301\r\nWe remember").status_code
        == 302
    )
    tribute = Tribute.objects.get()
    assert (tribute.first_name, tribute.message) == ("Ayaulym", "Café\nWe remember")


def test_a_name_longer_once_in_nfc_is_refused_not_a_500(client):
    # U+0958 becomes two characters in NFC: 40 typed are 80 stored, over the column's 40.
    response = candle(client, first_name="\u0958" * 40)
    assert response.status_code == 400
    assert not Tribute.objects.exists()


def correction(client, **data):
    return client.post(
        CORRECTION,
        {
            "person": "",
            "requester_name": "Gulnara",
            "contact": "gulnara@example.org",
            "relation": "family",
            "action": "anonymise",
            "message": "Please show only his initials.\nThank you.",
            "website": "",
            **data,
        },
    )


@pytest.mark.parametrize(
    "field, text",
    [
        ("requester_name", "Gul\u202enara"),
        ("contact", "gulnara@example.org\u200f"),
        ("message", "Please \u2067hide\u2069 him"),
        ("message", "Please\x1b[2J hide him"),
    ],
)
def test_a_correction_with_control_or_direction_characters_is_refused(client, field, text):
    response = correction(client, **{field: text})
    assert response.status_code == 400
    assert "invisible or control characters" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_a_correction_as_sent_by_a_browser_is_kept_with_its_line_breaks(client):
    assert correction(client).status_code == 302
    assert CorrectionRequest.objects.get().message == "Please show only his initials.\nThank you."


def test_an_empty_post_files_no_correction(client):
    assert client.post(CORRECTION).status_code == 400
    assert not CorrectionRequest.objects.exists()


def multipart(size):
    """A form with one file of `size` bytes, encoded as a browser would."""
    boundary = "resilience-boundary"
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="photo"; filename="photo.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return head + b"\xff" * size + f"\r\n--{boundary}--\r\n".encode(), boundary


@pytest.mark.parametrize("path", [CANDLES, "/en/petitions/any/", "/oembed/"])
def test_a_visitor_cannot_upload_a_file_of_megabytes(client, path):
    body, boundary = multipart(3 * 2**20)
    response = client.post(path, body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert "at most 2.5 MB" in response.content.decode()
    assert not Tribute.objects.exists()


def test_the_admin_takes_a_photo_of_some_megabytes_but_not_fifty(client):
    login = "/" + settings.ADMIN_PATH + "login/"
    body, boundary = multipart(8 * 2**20)
    content_type = f"multipart/form-data; boundary={boundary}"
    assert client.post(login, body, content_type=content_type).status_code != 413
    body, boundary = multipart(50 * 2**20)
    response = client.post(login, body, content_type=content_type)
    assert response.status_code == 413
    assert "at most 10 MB" in response.content.decode()
