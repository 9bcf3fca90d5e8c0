"""Where browsers report what our Content-Security-Policy blocked (its `report-uri`).

A report is a hint that something is wrong (a page of ours breaking its own policy), or that
someone's browser injects scripts into our pages; either is worth a line in the log. Anyone can
post one, so the endpoint takes small bodies only, a few per client per minute, and logs a
few fields, each cut short and reduced to what cannot identify or expose a visitor: never
their IP or browser, never a query string (it may carry an address typed into a form), never
a path with a secret in it (a confirmation link's token): a page of ours is named by its view.

Browsers send reports without a CSRF token or cookie, and make nothing of the answer: 204.
"""

import json
import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from campaign.lib.ratelimit import allowed, client_allowed

logger = logging.getLogger(__name__)

# Chromium 156's reports of our pages are about 500 bytes; this leaves room for long addresses.
MAX_BYTES = 16 * 1024
FIELD_LENGTH = 100
# Directive names, dispositions and the keywords browsers put for blocked content
# ("inline", "eval", "data", "trusted-types-sink"...).
KEYWORD = re.compile(r"[a-z][a-z0-9-]*")


def printable(text):
    """At most FIELD_LENGTH characters, none that could start a forged log line."""
    return "".join(char if char.isprintable() else "?" for char in text[:FIELD_LENGTH])


def keyword(value):
    words = str(value).split()
    return words[0][:FIELD_LENGTH] if words and KEYWORD.fullmatch(words[0]) else "?"


def view_name(path):
    """Our view behind `path`, or None. i18n_patterns resolve under the path's own language."""
    with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            return resolve(path).view_name
        except Resolver404:
            return None


def place(value, host):
    """What a reported address points at: a page of ours by its view name, a static file by
    its path, anything else by its origin (or scheme: `chrome-extension`); keywords as sent."""
    text = str(value)
    if KEYWORD.fullmatch(text):
        return text[:FIELD_LENGTH]
    try:
        parts = urlsplit(text)
    except ValueError:
        return "?"
    if parts.scheme not in ("http", "https"):
        return keyword(parts.scheme)
    if parts.netloc != host:
        return printable(f"{parts.scheme}://{parts.netloc}")
    if parts.path.startswith(settings.STATIC_URL):
        return printable(parts.path)
    return view_name(parts.path) or "another path of ours"


def line_number(value):
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else "?"


def log_violation(report, host):
    directive = report.get("effective-directive") or report.get("violated-directive", "")
    logger.warning(
        "CSP violation on %s: %s blocked %s (in %s, line %s; %s)",
        place(report.get("document-uri", ""), host),
        keyword(directive),
        place(report.get("blocked-uri", ""), host),
        place(report.get("source-file", ""), host),
        line_number(report.get("line-number")),
        keyword(report.get("disposition", "")),
    )


def parse(body):
    """The report inside a `report-uri` body ({"csp-report": {...}}); ValueError otherwise."""
    data = json.loads(body)
    report = data.get("csp-report") if isinstance(data, dict) else None
    if not isinstance(report, dict):
        raise ValueError("not a CSP report")
    return report


def too_many():
    response = HttpResponse(status=429)
    response["Retry-After"] = "60"
    return response


@csrf_exempt
@require_POST
def receive(request):
    within = client_allowed(request, "csp-report")
    if not (within and allowed("csp-report-all", "all")):
        return too_many()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponseBadRequest()
    if length > MAX_BYTES:
        return HttpResponse(status=413)
    try:
        report = parse(request.body)
    except (ValueError, RecursionError):
        return HttpResponseBadRequest()
    log_violation(report, request.get_host())
    return HttpResponse(status=204)
