"""Signers as they really sign: the form posted to the petition page, the e-mail's link
posted, each from a client address of its own; snapshots written into a folder per test."""

import itertools
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

LINK = re.compile(r"http://[^\s\"<]+/confirm/[^\s\"<]+/")
_addresses = (f"198.51.100.{number}" for number in itertools.cycle(range(1, 255)))


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def sign(petition, email):
    """Post the petition's form as a visitor; returns the response and the visitor."""
    visitor = Client(REMOTE_ADDR=next(_addresses))
    response = visitor.post(
        petition.get_absolute_url(), {"name": "Asel", "email": email, "country": "KZ"}
    )
    return response, visitor


def confirmation_links(email):
    return [
        urlsplit(LINK.search(message.body)[0]).path
        for message in mail.outbox
        if message.to == [email] and LINK.search(message.body)
    ]


def sign_and_confirm(petition, email):
    response, visitor = sign(petition, email)
    assert response.status_code == 302, response.status_code
    (link,) = confirmation_links(email)[-1:]
    assert visitor.post(link).status_code == 302
