"""Whatever a visitor sends, the live server answers it without a 5xx.

gunicorn serves the production settings (DEBUG off, the real middleware and error pages) with
the shipped memorial and petition. Hypothesis writes query strings for every public URL and
POSTs every form field to every public URL and the admin's login, in every encoding a client
may declare. Its examples are derived from the test's name (derandomize), not from a random
seed or a stored database, so CI runs the same few hundred requests every time.
"""

import json
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.campaign.live_client import request
from tests.campaign.live_gunicorn import live_gunicorn
from tests.resilience.faults import UNLIMITED

pytestmark = pytest.mark.live_server_process

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Every query parameter a view reads, and a few it might one day.
PARAMETERS = [
    "before",
    "person",
    "action",
    "q",
    "harm",
    "preview",
    "lang",
    "theme",
    "section",
    "url",
    "format",
    "maxwidth",
    "maxheight",
    "done",
    "again",
    "next",
    "page",
]
# Every field of every public form (signature, candle, correction, resend, admin login).
FIELDS = [
    "name",
    "email",
    "country",
    "city",
    "comment",
    "show_name",
    "wants_updates",
    "website",
    "first_name",
    "message",
    "person",
    "requester_name",
    "contact",
    "relation",
    "action",
    "username",
    "password",
    "otp_token",
    "next",
]
# What int(), a database column, a URL parser or a template may choke on, and valid values
# that lead past the first check.
TRICKY = [
    "",
    "0",
    "-1",
    "²",
    "١٢",
    "9" * 40,
    "1e309",
    "NaN",
    "%",
    "%ff",
    "\x00",
    "\u202e",
    "\u0958" * 300,
    "a" * 5000,
    "../../etc/passwd",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "http://evil.example/",
    "\r\nSet-Cookie: x=1",
    "KZ",
    "ZZ",
    "kk",
    "json",
    "xml",
    "dark",
    "people",
    "family",
    "anonymise",
    "on",
    "signer@example.org",
    '"quoted+tag"@example.org',
]
CHARSETS = ["utf-16", "latin-1", "koi8-r", "UTF8", "cp1251", "no-such-charset"]


@pytest.fixture(scope="module")
def server():
    with live_gunicorn(workers=2, env=UNLIMITED) as server:
        server.manage("load_memorial")
        server.manage("load_petition")
        yield server


@pytest.fixture(scope="module")
def urls(server):
    """Every public URL of the live server (tests.urls_catalogue, run on its database, where
    it makes a petition and signatures for the links that need them), and the admin's login."""
    catalogue = server.python(
        "import json\n"
        "from tests.urls_catalogue import public_urls\n"
        "print(json.dumps([url for _name, url in public_urls()]))\n"
    )
    return [*json.loads(catalogue.splitlines()[-1]), "/admin/login/"]


@pytest.fixture(scope="module")
def csrf(server):
    """A CSRF cookie and token, so POSTs get past the check to the forms."""
    status, headers, body = request(server.url, "GET", "/en/candles/")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = body.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    return cookie, token


def ours(server, urls):
    return [server.url + url for url in urls]


def hostile():
    return st.one_of(st.sampled_from(TRICKY), st.text(max_size=200))


def values(server, urls):
    return st.one_of(st.sampled_from(ours(server, urls)), hostile())


def assert_no_server_error(server, method, path, status):
    # oEmbed answers a format it does not speak with 501, as its specification says.
    if path.startswith("/oembed/") and status == 501:
        return
    assert status < 500, f"{method} {path} answered {status}:\n{server.log()[-3000:]}"


@FUZZ
@given(data=st.data())
def test_query_strings_never_give_a_5xx(server, urls, data):
    url = data.draw(st.sampled_from(urls), label="url")
    # Every parameter, each present or not, so that one example reaches whatever the view
    # reads; oEmbed reads its sizes only for one of our pages in a format it speaks.
    query = {"url": data.draw(st.one_of(st.sampled_from(ours(server, urls)), hostile()))}
    query["format"] = data.draw(st.one_of(st.sampled_from(["json", "xml"]), hostile()))
    for name in PARAMETERS:
        if name not in query:
            query[name] = data.draw(st.one_of(st.none(), hostile()), label=name)
    query = [(name, value) for name, value in query.items() if value is not None]
    extra = data.draw(st.lists(st.tuples(st.text(min_size=1, max_size=20), hostile()), max_size=2))
    raw = data.draw(st.sampled_from(["", "&%ff=%fe", "&=&&"]), label="raw")
    path = f"{url}?{urlencode(query + extra)}{raw}"
    status = request(server.url, "GET", path)[0]
    assert_no_server_error(server, "GET", path, status)


@FUZZ
@given(data=st.data())
def test_form_posts_never_give_a_5xx(server, urls, csrf, data):
    cookie, token = csrf
    url = data.draw(st.sampled_from(urls), label="url")
    names = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=20))
    fields = data.draw(st.lists(st.tuples(names, values(server, urls)), max_size=8), label="f")
    fields.append(("csrfmiddlewaretoken", token))
    kind = data.draw(st.sampled_from(["form", "form", "charset", "multipart", "json"]))
    headers = {"Cookie": cookie, "X-CSRFToken": token, "Origin": server.url}
    if kind == "json":
        body = json.dumps(dict(fields)).encode()
        headers["Content-Type"] = "application/json"
    elif kind == "multipart":
        body, boundary = multipart(fields)
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    else:
        body = urlencode(fields).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        if kind == "charset":
            charset = data.draw(st.sampled_from(CHARSETS), label="charset")
            headers["Content-Type"] += f"; charset={charset}"
    status = request(server.url, "POST", url, body=body, headers=headers)[0]
    assert_no_server_error(server, "POST", url, status)


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 40, "-1", "1e3"])
def test_every_parameter_of_every_url_takes_what_int_refuses(server, urls, value):
    """Every parameter at once, so that each view reads its own; oEmbed's url and format stay
    valid, or it would refuse before reading the sizes."""
    query = dict.fromkeys(PARAMETERS, value)
    query.update(url=server.url + "/en/", format="json")
    for url in urls:
        path = f"{url}?{urlencode(query)}"
        status = request(server.url, "GET", path)[0]
        assert_no_server_error(server, "GET", path, status)


def test_random_path_segments_never_give_a_5xx(server):
    for segment in [quote("²"), "%ff", "..%2f..", quote("\u202e"), "a" * 300, quote("ü"), "0"]:
        for prefix in ["/en/people/", "/en/petitions/", "/en/petitions/confirm/", "/embed/"]:
            status = request(server.url, "GET", f"{prefix}{segment}/")[0]
            assert_no_server_error(server, "GET", prefix + segment, status)


@pytest.mark.parametrize("charset", ["utf-16", "latin-1"])
def test_a_form_declared_in_another_charset_is_a_400_on_every_post_url(server, urls, csrf, charset):
    cookie, token = csrf
    body = urlencode({"csrfmiddlewaretoken": token, "first_name": "Ai", "website": ""})
    headers = {
        "Cookie": cookie,
        "Content-Type": f"application/x-www-form-urlencoded; charset={charset}",
    }
    for url in urls:
        status, _headers, page = request(server.url, "POST", url, body=body, headers=headers)
        assert status == 400, (url, status)
        assert "The request could not be read" in page.decode()


def multipart(fields):
    boundary = "fuzz-boundary-7MA4YWxkTrZu0gW"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{quote(name)}"\r\n\r\n{value}\r\n'
        for name, value in fields
    ]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), boundary
