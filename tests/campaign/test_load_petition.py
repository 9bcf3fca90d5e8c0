"""The shipped petition: three languages, its sources, idempotent loading."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from campaign.petitions.models import Petition

pytestmark = pytest.mark.django_db

CONTENT = (
    Path(__file__).resolve().parents[2] / "campaign" / "petitions" / "content" / "petition.json"
)


def test_load_petition_creates_an_open_petition_in_three_languages():
    call_command("load_petition")
    petition = Petition.objects.get()
    assert petition.is_open()
    assert petition.closes_at > petition.opens_at
    assert (petition.closes_at.month, petition.closes_at.day) == (12, 16)
    for language in ("en", "ru", "kk"):
        for field in ("title", "addressees", "summary", "demands", "sources"):
            assert getattr(petition, f"{field}_{language}"), (field, language)
    assert len(petition.demand_items()) == 8
    assert "Torebek Tolegenov" in petition.demands_en
    assert "Ozenmunaigaz" in petition.demands_en
    assert "Shetpe" in petition.demands_en
    assert "People & Nature" in petition.sources_en


def test_every_language_has_the_same_number_of_demands_and_sources():
    content = json.loads(CONTENT.read_text())
    for part in ("demands", "sources"):
        counts = {len(content[part][lang]) for lang in ("en", "ru", "kk")}
        assert len(counts) == 1, (part, counts)
    assert len(content["demands"]["en"]) == 8


def test_load_petition_is_idempotent_and_keeps_moderators_changes():
    call_command("load_petition")
    petition = Petition.objects.get()
    Petition.objects.filter(pk=petition.pk).update(
        title_en="Changed by a moderator", goal=25_000, summary_kk=""
    )
    call_command("load_petition")
    petition.refresh_from_db()
    assert Petition.objects.count() == 1
    assert petition.title_en == "Changed by a moderator"
    assert petition.goal == 25_000
    assert petition.summary_kk
    call_command("load_petition", "--update-text")
    petition.refresh_from_db()
    assert petition.title_en != "Changed by a moderator"
