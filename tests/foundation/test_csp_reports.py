"""Browsers report CSP violations to /csp-report/: a line in the log that names the page and
what was blocked, and nothing of the visitor's; small, few, and without a CSRF token."""

import json
import logging
import time

import pytest
from django.test import Client
from django.urls import reverse

from campaign import csp_reports
from campaign.lib import ratelimit
from campaign.petitions.tokens import confirm_token
from tests.campaign.factories import make_petition, make_signature
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, require_chromium

pytestmark = pytest.mark.django_db

VISITOR_IP = "203.0.113.77"


def chromium_report(document, blocked="inline", source=None, **fields):
    """A report as Chromium 156 sends it for `report-uri` (application/csp-report)."""
    report = {
        "document-uri": document,
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "disposition": "enforce",
        "blocked-uri": blocked,
        "line-number": 12,
        "column-number": 5,
        "source-file": source or document,
        "status-code": 200,
        "script-sample": "",
    }
    report.update(fields)
    return json.dumps({"csp-report": report})


def send(body, client=None, ip=VISITOR_IP, **extra):
    client = client or Client(enforce_csrf_checks=True)
    return client.post(
        reverse("csp_report"),
        body,
        content_type="application/csp-report",
        REMOTE_ADDR=ip,
        **extra,
    )


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO, logger="campaign.csp_reports")
    return caplog


def logged(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "campaign.csp_reports"]


def test_every_policy_reports_to_the_endpoint(client):
    """Pages, embeds and static files: tests/foundation/test_headers and test_static_headers."""
    assert reverse("csp_report") == "/csp-report/"
    assert "report-uri /csp-report/" in client.get("/embed/memorial/")["Content-Security-Policy"]


def test_a_report_without_csrf_token_is_logged_with_the_page_and_what_was_blocked(log):
    response = send(chromium_report("http://testserver/en/"))
    assert response.status_code == 204
    assert not response.cookies
    assert logged(log) == [
        "CSP violation on memorial:home: script-src-elem blocked inline"
        " (in memorial:home, line 12; enforce)"
    ]


def test_the_log_holds_nothing_of_the_visitor_nor_any_secret_in_an_address(log):
    petition = make_petition()
    token = confirm_token(make_signature(petition, email="asel@example.org"))
    page = f"http://testserver/ru/petitions/confirm/{token}/?email=asel%40example.org#top"
    send(
        chromium_report(
            page,
            blocked="https://tracker.example/collect.js?visitor=asel@example.org",
            source="chrome-extension://abcdefghijklmnop/inject.js",
        ),
        HTTP_USER_AGENT="Mozilla/5.0 VisitorBrowser/1.0",
    )
    [line] = logged(log)
    assert line == (
        "CSP violation on campaign:confirm: script-src-elem blocked https://tracker.example"
        " (in chrome-extension, line 12; enforce)"
    )
    record = log.records[-1]
    for secret in (token, "asel", VISITOR_IP, "VisitorBrowser"):
        assert secret not in line and secret not in str(record.__dict__), secret


def test_hostile_fields_are_cut_short_and_cannot_forge_log_lines(log):
    send(
        chromium_report(
            "http://testserver/static/css/" + "a" * 500 + ".css",
            blocked="https://" + "b" * 300 + ".example\r\nCSP violation on admin/",
            **{"effective-directive": "script-src\nforged", "line-number": "12\nforged"},
            disposition=["enforce"],
        )
    )
    [line] = logged(log)
    assert "\n" not in line and "\r" not in line
    assert "forged" not in line
    assert len(line) < 400
    assert "/static/css/aaaa" in line


def test_other_paths_of_ours_are_named_without_their_path(log):
    send(chromium_report("http://testserver/no/such/page/?q=secret"))
    assert logged(log)[0].startswith("CSP violation on another path of ours:")


def test_a_body_over_the_cap_is_refused_unread(log):
    body = chromium_report("http://testserver/en/", sample="x" * csp_reports.MAX_BYTES)
    assert send(body).status_code == 413
    assert logged(log) == []


@pytest.mark.parametrize(
    "body", ["", "not json", "[1, 2]", '{"csp-report": "x"}', "[" * 5000 + "]" * 5000]
)
def test_anything_but_a_report_is_a_400(log, body):
    assert send(body).status_code == 400
    assert logged(log) == []


def test_only_post(client):
    assert client.get(reverse("csp_report")).status_code == 405


def test_each_client_is_limited_and_so_are_all_together(log, monkeypatch):
    report = chromium_report("http://testserver/en/")
    limit = ratelimit.CSP_REPORTS_PER_CLIENT_PER_MINUTE
    answers = [send(report).status_code for _report in range(limit + 1)]
    assert answers == [204] * limit + [429]
    assert len(logged(log)) == limit
    assert send(report, ip="198.51.100.1").status_code == 204, "another client is not limited"

    # All together: the first client's `limit` reports and the other's one count.
    monkeypatch.setattr(ratelimit, "CSP_REPORTS_PER_MINUTE", limit + 1)
    assert send(report, ip="198.51.100.2").status_code == 429
    assert len(logged(log)) == limit + 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chromium_reports_a_violation_which_is_logged(live_server, log):
    """An inline script, as an extension or an injected page would add one, is blocked and
    Chromium's report reaches the log."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(live_server.url + "/en/")
            page.evaluate(
                "() => { const script = document.createElement('script');"
                " script.textContent = 'document.title = 1'; document.body.append(script); }"
            )
            deadline = time.monotonic() + 10
            while not logged(log) and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            browser.close()
    # A script added by another script has no source file of its own.
    assert logged(log) == [
        "CSP violation on memorial:home: script-src-elem blocked inline (in ?, line 1; enforce)"
    ]
