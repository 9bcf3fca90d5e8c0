"""Before anyone has signed or lit a candle, the pages invite instead of counting zero: no
"0 candles lit", no empty bar over "0 of 10,000", no claim about what most signers choose."""

import pytest
from django.test import Client

from memorial.candles import light_candle
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db(transaction=True)


def text(path):
    return Client().get(path).content.decode()


@pytest.fixture
def empty_petition(db):
    return make_petition(slug="inquiry", goal=10000)


def test_a_petition_nobody_has_signed_asks_for_the_first_signatures(empty_petition):
    page = text(f"/en/petitions/{empty_petition.slug}/")
    assert "Be among the first to sign: the goal is 10,000 signatures." in page
    assert "<progress" not in page and "of a goal of" not in page
    assert "0 confirmed" not in page
    assert "Most signers" not in page and "Where the signers live" not in page
    assert "Recent signers" not in page
    assert 'href="#sign"' in page, "the call to sign is there all the same"

    embed = text(f"/embed/petition/{empty_petition.slug}/")
    assert "Be among the first to sign: the goal is 10,000 signatures." in embed
    assert "<progress" not in embed and "of a goal of" not in embed


def test_a_signed_petition_shows_its_count_bar_and_signers(empty_petition):
    make_signature(empty_petition, state="confirmed", name="Aigul", show_name=True)
    page = text(f"/en/petitions/{empty_petition.slug}/")
    assert "confirmed signature of a goal of 10,000" in page
    assert '<progress class="petition-bar" max="10000" value="1"' in page
    assert "Be among the first to sign" not in page
    assert "Where the signers live" in page and "Aigul" in page
    assert "Signers are counted without their name unless they choose to show it." in page
    embed = text(f"/embed/petition/{empty_petition.slug}/")
    assert "<progress" in embed and "Be among the first" not in embed


def test_no_candle_yet_reads_as_an_invitation():
    home, candles, embed = text("/en/"), text("/en/candles/"), text("/embed/memorial/")
    for page in (home, candles, embed):
        assert "0 candles" not in page and "candles lit in memory" not in page
    assert "Light a candle in memory of the victims" in home
    assert "Light a candle in memory of the victims" in embed


def test_the_first_candle_is_counted():
    light_candle("", "", "en")
    for path in ("/en/", "/en/candles/", "/embed/memorial/"):
        assert "1 candle lit in memory." in text(path), path
