"""The reference deployment's nginx (deploy/nginx) in front of a production gunicorn.

nginx is Debian's, the site file the shipped one (rendered by deploy/nginx/render.sh), gunicorn
runs campaign.settings with the proxy settings of deploy/zhanaozen.env, on this pass's
database. gunicorn's access log records the forwarding headers it receives, and each request
made through nginx carries a token in its query string, so the log shows what reached the app.
Clients are told apart by their loopback source address (127.0.0.2, 127.0.0.3...).
"""

import http.client
import ipaddress
import json
import re
import secrets
import ssl
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.campaign.live_gunicorn import free_port, live_gunicorn
from tests.deploy.proxy import require, running_nginx, self_signed_certificate, shipped_environment

pytestmark = pytest.mark.live_server_process

# What deploy/zhanaozen.env tells the app about the proxy; the rest of it names production's
# hosts, files and services.
PROXY_SETTINGS = ("DJANGO_HTTPS", "DJANGO_BEHIND_PROXY", "DJANGO_CLIENT_IP_HEADER")
FORWARDING_HEADERS = {
    "ip": "x-real-ip",
    "xff": "x-forwarded-for",
    "forwarded": "forwarded",
    "proto": "x-forwarded-proto",
    "host": "x-forwarded-host",
    "port": "x-forwarded-port",
    "ssl": "x-forwarded-ssl",
    "protocol": "x-forwarded-protocol",
}
ACCESS_FORMAT = "%(m)s %(U)s?%(q)s " + " ".join(
    f"{name}=%({{{header}}}i)s" for name, header in FORWARDING_HEADERS.items()
)
# What a monitor sends for /healthz/?full=1 (DJANGO_HEALTH_TOKEN).
HEALTH_TOKEN = secrets.token_urlsafe(32)
CSP_REPORT = json.dumps(
    {"csp-report": {"document-uri": "https://localhost/en/", "violated-directive": "img-src"}}
)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


class Deployment:
    def __init__(self, server, folder, https_port, http_port, certificate):
        self.server = server
        self.folder = folder
        self.https_port = https_port
        self.http_port = http_port
        self.var_dir = Path(server.env["DJANGO_VAR_DIR"])
        self.tls = ssl.create_default_context(cafile=certificate)

    def fetch(self, path, *, method="GET", headers=None, body=None, source="127.0.0.1", tls=True):
        """A request to nginx from `source`, for the host `localhost`."""
        if tls:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=self.tls, source_address=(source, 0)
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.http_port, source_address=(source, 0)
            )
        return self._send(connection, method, path, headers, body)

    def fetch_from_gunicorn(self, path):
        """The same path asked of gunicorn directly, as nginx would forward it."""
        port = int(self.server.url.rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port)
        return self._send(
            connection, "GET", path, {"X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1"}
        )

    @staticmethod
    def _send(connection, method, path, headers, body=None):
        try:
            connection.request(
                method, path, body=body, headers={"Host": "localhost", **(headers or {})}
            )
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def gunicorn_saw(self, token):
        """The forwarding headers of each request gunicorn received with `token` in it.

        gunicorn logs a request once its response has gone, so first a request of our own goes
        straight to it and is waited for: its one worker has then logged everything before it.
        """
        sentinel = secrets.token_hex(6)
        self.fetch_from_gunicorn(f"/healthz/?sentinel={sentinel}")
        lines = wait_for_line(self.folder / "gunicorn-access.log", sentinel).splitlines()
        return [
            dict(re.findall(r"(\w+)=(\S*)", line.split(" ", 2)[2]))
            for line in lines
            if token in line
        ]


def wait_for_line(path, text, timeout=10):
    """The contents of the log at `path` once `text` is in it."""
    deadline = time.monotonic() + timeout
    while text not in (contents := path.read_text()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never reached {path.name}")
        time.sleep(0.05)
    return contents


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    require("nginx", "nginx")
    folder = tmp_path_factory.mktemp("nginx")
    certificate, key = self_signed_certificate(folder)
    https_port, http_port = free_port(), free_port()
    shipped = shipped_environment()
    env = {
        **{name: shipped[name] for name in PROXY_SETTINGS},
        "SITE_URL": f"https://localhost:{https_port}",
        "GUNICORN_ACCESS_LOG": str(folder / "gunicorn-access.log"),
        "GUNICORN_CMD_ARGS": f"--access-logformat '{ACCESS_FORMAT}'",
        "DJANGO_HEALTH_TOKEN": HEALTH_TOKEN,
    }
    with live_gunicorn(workers=1, env=env) as server:
        values = {
            "DOMAIN": "localhost",
            "SITE_URL": env["SITE_URL"],
            "HTTP_PORT": str(http_port),
            "HTTPS_PORT": str(https_port),
            "TLS_CERT": str(certificate),
            "TLS_KEY": str(key),
            "VAR_DIR": server.env["DJANGO_VAR_DIR"],
            "GUNICORN": server.url.removeprefix("http://"),
            "LOG_DIR": str(folder),
        }
        with running_nginx(folder, values, https_port):
            yield Deployment(server, folder, https_port, http_port, certificate)


def directives(policy):
    """A Content-Security-Policy as {directive: its sources}."""
    return dict([*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip())


def test_a_monitors_token_passes_the_proxy_for_the_full_health_figures(deployment):
    refused = deployment.fetch("/healthz/?full=1")
    answer = deployment.fetch(
        "/healthz/?full=1", headers={"Authorization": f"Bearer {HEALTH_TOKEN}"}
    )

    assert refused.status == 401
    assert answer.status == 200
    assert "no-cache" in answer.headers["Cache-Control"]
    figures = json.loads(answer.body)
    assert figures["status"] == "ok"
    assert figures["database_size"]["bytes"] > 0
    assert figures["server_errors"]["last_24h"] == 0


def test_forwarding_headers_a_visitor_sends_never_reach_the_app(deployment):
    token = secrets.token_hex(6)
    spoofed = {
        "X-Real-IP": "203.0.113.7",
        "X_Real_IP": "203.0.113.8",
        "X-Forwarded-For": "203.0.113.9",
        "Forwarded": "for=203.0.113.10;proto=http",
        "X-Forwarded-Proto": "http",
        "X-Forwarded-Host": "attacker.example",
        "X-Forwarded-Port": "80",
        "X-Forwarded-Ssl": "off",
        "X-Forwarded-Protocol": "http",
    }

    answer = deployment.fetch(f"/healthz/?probe={token}", headers=spoofed, source="127.0.0.2")

    assert answer.status == 200
    received = dict.fromkeys(FORWARDING_HEADERS, "-") | {"ip": "127.0.0.2", "proto": "https"}
    assert deployment.gunicorn_saw(token) == [received]


def test_rate_limits_count_the_real_client_whatever_it_claims(deployment):
    """CSP reports from one client, each claiming another address, until the app refuses one:
    it does, so it counted them as one client's (its per-client limit is a few dozen a minute;
    a few hundred from as many clients are within its limit for all clients). Another client
    is still accepted."""

    def report(source, claimed):
        return deployment.fetch(
            "/csp-report/",
            method="POST",
            body=CSP_REPORT,
            headers={
                "Content-Type": "application/csp-report",
                "X-Real-IP": claimed,
                "X-Forwarded-For": claimed,
            },
            source=source,
        ).status

    statuses = []
    while 429 not in statuses and len(statuses) < 300:
        claimed = ipaddress.ip_address("10.0.0.1") + len(statuses)
        statuses.append(report("127.0.0.3", str(claimed)))

    assert statuses[0] == 204
    assert statuses[-1] == 429
    assert report("127.0.0.4", "10.0.0.1") == 204


def test_https_mode_hsts_secure_cookies_and_the_redirect(deployment):
    page = deployment.fetch("/en/", headers={"X-Forwarded-Proto": "http"})
    login = deployment.fetch("/" + settings.ADMIN_PATH + "login/")
    redirect = deployment.fetch("/en/petitions/?page=2", tls=False)

    assert page.status == 200
    assert page.headers["Strict-Transport-Security"] == "max-age=63072000"
    assert page.headers.get_all("Server") == ["nginx"]
    assert login.status == 200
    csrf = [c for c in login.headers.get_all("Set-Cookie") if c.startswith("__Host-csrftoken=")]
    assert len(csrf) == 1
    attributes = {part.strip().split("=")[0].lower() for part in csrf[0].split(";")[1:]}
    assert {"secure", "path"} <= attributes and "domain" not in attributes
    assert redirect.status == 301
    assert redirect.headers["Location"] == (
        f"https://localhost:{deployment.https_port}/en/petitions/?page=2"
    )


# Headers that describe the transfer rather than the file (the pages send HSTS); nginx sends
# its name, gunicorn none.
TRANSFER_HEADERS = {
    "accept-ranges",
    "connection",
    "content-length",
    "date",
    "etag",
    "last-modified",
    "server",
    "strict-transport-security",
    "vary",
}
# Two names of one type (WHATWG MIME Sniffing): Debian's mime.types says the first for .js,
# WhiteNoise the second.
JAVASCRIPT = {"application/javascript": "text/javascript"}


def file_headers(answer):
    """What a response says about the file: its headers but those of the transfer, and its
    type as (JavaScript normalised, charset)."""
    headers = {
        name.lower(): value
        for name, value in answer.headers.items()
        if name.lower() not in TRANSFER_HEADERS
    }
    media_type = answer.headers.get_content_type()
    headers["content-type"] = (
        JAVASCRIPT.get(media_type, media_type),
        answer.headers.get_content_charset(),
    )
    return headers


def test_static_files_come_from_nginx_with_the_apps_headers(deployment):
    manifest = json.loads((deployment.var_dir / "static" / "staticfiles.json").read_text())
    paths = [
        "/static/" + manifest["paths"]["css/site.css"],
        "/static/" + manifest["paths"]["css/embed.css"],
        "/static/embed.js",
    ]
    token = secrets.token_hex(6)

    for path in paths:
        through_nginx = deployment.fetch(f"{path}?probe={token}")
        from_app = deployment.fetch_from_gunicorn(path)

        assert through_nginx.status == from_app.status == 200, path
        assert through_nginx.body == from_app.body, path
        assert file_headers(through_nginx) == file_headers(from_app), path
    assert deployment.gunicorn_saw(token) == []


def test_media_files_come_from_nginx_and_are_inert(deployment):
    people = deployment.var_dir / "media" / "memorial" / "people"
    people.mkdir(parents=True, exist_ok=True)
    (people / "photo.png").write_bytes(b"<html><script>alert(1)</script>")
    (people / "page.html").write_text("<script>alert(1)</script>")
    (people / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    token = secrets.token_hex(6)

    photo = deployment.fetch(f"/media/memorial/people/photo.png?probe={token}")
    page = deployment.fetch(f"/media/memorial/people/page.html?probe={token}")
    drawing = deployment.fetch(f"/media/memorial/people/drawing.svg?probe={token}")

    assert photo.status == 200
    assert photo.headers["Content-Type"] == "image/png"
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    assert photo.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert directives(photo.headers["Content-Security-Policy"]) == {
        "default-src": "'none'",
        "sandbox": "",
    }
    assert (page.status, drawing.status) == (404, 404)
    assert deployment.gunicorn_saw(token) == []


def test_only_the_embed_can_be_framed_through_the_proxy(deployment):
    embed = deployment.fetch("/embed/memorial/")
    page = deployment.fetch("/en/")

    assert embed.status == 200
    assert "X-Frame-Options" not in embed.headers
    assert directives(embed.headers["Content-Security-Policy"])["frame-ancestors"] == "*"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert directives(page.headers["Content-Security-Policy"])["frame-ancestors"] == "'none'"


def test_request_bodies_are_capped_as_the_app_caps_them(deployment):
    """A visitor's form up to DATA_UPLOAD_MAX_MEMORY_SIZE reaches the app (which answers 403:
    no CSRF token), a byte more is refused by nginx; the admin takes photos up to
    UPLOAD_MAX_BYTES."""
    token = secrets.token_hex(6)
    admin_login = "/" + settings.ADMIN_PATH + "login/"
    cases = [
        ("/en/", settings.DATA_UPLOAD_MAX_MEMORY_SIZE, 403),
        ("/en/", settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1, 413),
        (admin_login, settings.UPLOAD_MAX_BYTES, 403),
        (admin_login, settings.UPLOAD_MAX_BYTES + 1, 413),
    ]
    headers = {"Content-Type": "application/octet-stream"}

    statuses = [
        deployment.fetch(
            f"{path}?probe={token}-{size}", method="POST", body=b"x" * size, headers=headers
        ).status
        for path, size, _ in cases
    ]

    assert statuses == [status for _, _, status in cases]
    reached_the_app = [size for _, size, _ in cases if deployment.gunicorn_saw(f"{token}-{size}")]
    assert reached_the_app == [size for _, size, status in cases if status != 413]


def test_the_access_log_keeps_no_address_and_no_query(deployment):
    token = secrets.token_hex(6)

    deployment.fetch(f"/en/?email={token}", source="127.0.0.5")

    log = wait_for_line(deployment.folder / "zhanaozen.access.log", '"GET /en/" 200')
    assert token not in log
    assert "127.0.0.5" not in log
