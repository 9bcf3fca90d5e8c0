import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """A request under /ru/ leaves its language active; each test starts in English."""
    with translation.override("en"):
        yield
