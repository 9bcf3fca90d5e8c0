"""Plain HTTP for the live-server tests: a form's CSRF cookie and token, and bare requests
that do not follow redirects (the status of the POST itself is what is tested)."""

import http.client
import re
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def request(base_url, method, path, body=None, headers=None, timeout=60):
    """(status, headers, body) for one request on a fresh connection."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def csrf_for(base_url, path):
    """GET a page with a form: (cookie header, form token)."""
    status, headers, body = request(base_url, "GET", path)
    assert status == 200, (path, status)
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = CSRF_INPUT.search(body.decode()).group(1)
    return cookie, token


def post_form(base_url, path, fields, cookie, token):
    body = urlencode({**fields, "csrfmiddlewaretoken": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    return request(base_url, "POST", path, body=body, headers=headers)
