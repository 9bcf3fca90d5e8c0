import itertools

import pytest
from django.utils import translation
from django_webtest import DjangoTestApp

from memorial.loading import load_memorial


@pytest.fixture
def new_visitor(db, settings):
    """Opens a browser of its own: a WebTest app with its own cookie jar and client address.

    Built directly rather than with django-webtest's fixtures, which add their own login
    middleware and backend to the settings: these requests go through the production
    middleware, CsrfViewMiddleware included, so the CSRF token of every submitted form is
    checked as a browser's would be.
    """
    # A server error fails the test with its traceback instead of a 500 page.
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    # Documentation addresses (RFC 5737): each visitor is its own client to the rate limits.
    addresses = (f"203.0.113.{number}" for number in itertools.count(1))
    return lambda: DjangoTestApp(extra_environ={"REMOTE_ADDR": next(addresses)})


@pytest.fixture
def visitor(new_visitor):
    return new_visitor()


@pytest.fixture
def content(db):
    """The shipped memorial content, as `make run` loads it."""
    load_memorial()


@pytest.fixture(autouse=True)
def english_test_code():
    """A request under /kk/ or /ru/ leaves its language active in this thread; reverse() in
    the test and in the next test must still build English paths."""
    with translation.override("en"):
        yield
