import io

import pytest
from django.core.management import call_command

from memorial.loading import load_memorial


@pytest.fixture
def shipped(db):
    """The shipped memorial and petition, as `make run` loads them."""
    load_memorial()
    call_command("load_petition", stdout=io.StringIO())
