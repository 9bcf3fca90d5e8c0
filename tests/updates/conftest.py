"""Recipients in each language, the role groups as migrated, and a campaign lead's browser."""

import importlib
import itertools

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation
from django_webtest import DjangoTestApp

from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition, make_signature
from tests.staff.otp import verified_login

ROLES = importlib.import_module("campaign.petitions.migrations.0003_roles")
LANGUAGES = ["en", "ru", "kk"]
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def roles_as_migrated(db):
    """The role groups as the petitions' migration makes them (a transactional test
    elsewhere may have flushed them)."""
    ROLES.assign_roles(apps, "default")


@pytest.fixture
def petition(db):
    return make_petition()


def recipient(petition, language="en", **fields):
    """A confirmed signer who asked for updates, in `language`."""
    number = next(_numbers)
    return make_signature(
        petition,
        email=f"reader{number}@example.org",
        state="confirmed",
        wants_updates=True,
        language=language,
        name=f"Reader {number}",
        **fields,
    )


@pytest.fixture
def recipients(petition):
    """One recipient per language, plus signers who must get nothing."""
    wanted = [recipient(petition, language) for language in LANGUAGES]
    make_signature(petition, email="no-news@example.org", state="confirmed")
    make_signature(petition, email="pending@example.org", wants_updates=True)
    make_signature(petition, email="rejected@example.org", state="rejected", wants_updates=True)
    recipient(make_petition(), "en")  # another petition's
    return wanted


TEXTS = {
    "en": ("News of the campaign", "The petition was delivered today."),
    "ru": ("Новости кампании", "Петиция передана сегодня."),
    "kk": ("Науқан жаңалықтары", "Петиция бүгін тапсырылды."),
}


def update_texts():
    return {
        **{f"subject_{code}": subject for code, (subject, _body) in TEXTS.items()},
        **{f"body_{code}": body for code, (_subject, body) in TEXTS.items()},
    }


@pytest.fixture
def staff_browser(db, settings):
    """A WebTest browser logged in (with its second factor) as `user`, through the
    production middleware, CSRF checks included."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True

    def browser(user):
        client = verified_login(Client(), user)
        app = DjangoTestApp(extra_environ={"REMOTE_ADDR": "203.0.113.9"})
        app.set_cookie(
            settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
        )
        return app

    return browser


def still_holds_address(signature):
    return Signature.objects.filter(pk=signature.pk, email__isnull=False).exists()


@pytest.fixture(autouse=True)
def english_test_code():
    """A request under /kk/ leaves its language active in this thread; reverse() in the test
    must still build English paths."""
    with translation.override("en"):
        yield


@pytest.fixture
def visitor(db, settings):
    """A browser of its own (WebTest) through the production middleware, CSRF included."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    return DjangoTestApp(extra_environ={"REMOTE_ADDR": "203.0.113.10"})
