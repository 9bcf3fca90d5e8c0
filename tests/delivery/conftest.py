import itertools

import pytest
from django.utils import translation
from django_webtest import DjangoTestApp

from tests.moderation.conftest import as_user, roles, roles_as_migrated  # noqa: F401 (fixtures)


@pytest.fixture
def visitor(db, settings):
    """A WebTest browser through the production middleware (CSRF checked as a browser's)."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    return DjangoTestApp(extra_environ={"REMOTE_ADDR": "203.0.113.7"})


@pytest.fixture
def new_visitor(db, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    addresses = (f"203.0.113.{number}" for number in itertools.count(100))
    return lambda: DjangoTestApp(extra_environ={"REMOTE_ADDR": next(addresses)})


@pytest.fixture(autouse=True)
def english_test_code():
    with translation.override("en"):
        yield
