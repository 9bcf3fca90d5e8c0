import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class OneAtATimeWSGIServer(ThreadedWSGIServer):
    """The live server, running Django for one request at a time.

    On SQLite the test database lives in memory as one connection that the live server's
    threads share; a browser loading a page and its images at once made two threads use it
    together ("sqlite3.InterfaceError: bad parameter or other API misuse"). Connections are
    still accepted by many threads, as browsers open some ahead of any request.
    """

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                result = application(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneAtATimeWSGIServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def require_chromium():
    """Skip on a machine without Chromium, except in CI, where it must exist."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI installs the chromium package.")
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped")


@pytest.fixture
def browser():
    """Headless Debian Chromium driven by Playwright; never a downloaded browser."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must not treat the test as async.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_watch(browser):
    """A page that records console errors, CSP violations and requests to other hosts."""
    context = browser.new_context()
    # Chromium reports CSP violations as console errors too; this catches any it does not.
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    page.problems = []
    page.requested = []
    page.on(
        "console",
        lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"),
    )
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: cached pages, counts and rate limits from an
    earlier test, whose rows were rolled back since, must not leak into the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_staff(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password="correct horse battery staple", is_staff=True
    )
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.fixture
def moderator(db, django_user_model):
    return make_staff(django_user_model, "moderator", "Moderators")


@pytest.fixture
def campaign_lead(db, django_user_model):
    return make_staff(django_user_model, "lead", "Campaign leads")


@pytest.fixture
def editor(db, django_user_model):
    return make_staff(django_user_model, "editor", "Editors")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", password="correct horse battery staple"
    )
