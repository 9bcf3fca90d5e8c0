import html
import io
import re

import pytest
from django.core.management import call_command

from memorial.loading import load_memorial

LANGUAGES = ("en", "ru", "kk")
# The main navigation, in English; every label must read differently in Russian and Kazakh.
NAVIGATION = [
    "Memorial",
    "Timeline",
    "People",
    "How many",
    "Sources",
    "Candles",
    "Sign the petition",
    "Embed on your site",
]


@pytest.fixture
def shipped(db):
    """The shipped memorial and petition, in the three languages, as `make run` loads them."""
    load_memorial()
    call_command("load_petition", stdout=io.StringIO())


def visible_text(page):
    """The text a reader sees, without scripts, code samples, and parts marked as another
    language (`lang="en"` stand-ins, source titles in their own language)."""
    page = re.sub(r"<(script|style|textarea|pre|code)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<(\w+)\b[^>]*\blang="(?!ru|kk)[a-z-]+"[^>]*>.*?</\1>', " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())
