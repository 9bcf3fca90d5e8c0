import pytest

from memorial.loading import load_memorial


@pytest.fixture
def content(db):
    """The shipped memorial content, as `make run` loads it."""
    load_memorial()
