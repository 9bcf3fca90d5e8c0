"""The shipped content: loads idempotently, every fact has a source, nothing invented."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from memorial.loading import CONTENT_DIR, load_memorial
from memorial.models import (
    Citation,
    CountClaim,
    DatePrecision,
    Event,
    Harm,
    NameVariant,
    Person,
    Source,
)

pytestmark = pytest.mark.django_db

FACTS = Path(settings.BASE_DIR).parent / "shared" / "seed" / "FACTS.md"
CONTENT_MODELS = [Source, Event, Person, Harm, NameVariant, CountClaim, Citation]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def counts():
    return {model.__name__: model.objects.count() for model in CONTENT_MODELS}


def test_loading_twice_creates_no_duplicates(capsys):
    call_command("load_memorial")
    first = counts()
    call_command("load_memorial")
    assert counts() == first
    assert "nothing changed" in capsys.readouterr().out
    call_command("load_memorial", "--refresh")
    assert counts() == first
    assert first["Person"] == 9
    assert first["Event"] >= 20
    assert first["Source"] >= 15


def test_every_published_record_has_a_source(content):
    for event in Event.objects.public():
        assert event.citations.exists(), event
    for person in Person.objects.public():
        assert person.citations.exists(), person
        for harm in person.harms.all():
            assert harm.citations.exists(), harm
    for claim in CountClaim.objects.public():
        assert claim.citations.exists(), claim


def test_every_person_has_a_harm_and_only_facts_names_are_shipped(content):
    shipped = set(Person.objects.values_list("name_en", flat=True))
    facts = FACTS.read_text(encoding="utf-8") if FACTS.exists() else None
    for person in Person.objects.all():
        assert person.harms.exists(), person
        if facts is not None:
            assert person.name_en in facts, person.name_en
    assert {"Torebek Tolegenov", "Roza Tuletaeva", "Erzhan Elshibayev"} <= shipped


def test_source_addresses_are_exactly_those_facts_gives(content):
    """Every address FACTS.md records is linked, and no other: a mirror is never cited."""
    if not FACTS.exists():
        pytest.skip("FACTS.md is not beside the repository")
    facts = FACTS.read_text(encoding="utf-8")
    table = facts[facts.index("## Addresses of the sources") :]
    addresses = set(re.findall(r"\| (https?://\S+) \|", table))
    assert len(addresses) == 25
    urls = set(Source.objects.exclude(url="").values_list("url", flat=True))
    assert urls == addresses
    assert not Source.objects.exclude(archived_url="").exists()


def test_campaigning_sources_are_labelled(content):
    for key in ("pn21", "odf-strike-calendar"):
        assert Source.objects.get(key=key).kind == Source.Kind.CAMPAIGN
    assert Source.objects.get(key="ohchr-2012-07-12").kind == Source.Kind.UN_NGO


def test_content_is_given_in_every_language():
    for name in ("events", "people", "claims", "sources"):
        rows = json.loads((CONTENT_DIR / f"{name}.json").read_text(encoding="utf-8"))
        for row in rows:
            for key, value in row.items():
                if isinstance(value, dict) and set(value) & set(LANGUAGES):
                    assert set(value) == set(LANGUAGES), (name, key)
                    if value["en"]:
                        assert all(value[code] for code in LANGUAGES), (name, row, key)


def test_cyrillic_forms_from_facts_are_sourced_and_our_transliterations_are_marked(content):
    sourced = NameVariant.objects.filter(source__isnull=False)
    assert sourced.filter(spelling="Имран Шулашаев", source__key="fakty-2011-12-23").exists()
    assert sourced.filter(spelling="Дуйсен Нуров").exists()
    assert sourced.filter(spelling="Жанбыр Ергазев").exists()
    # A Cyrillic name no source prints is recorded as ours, for a reviewer to check.
    torebek = Person.objects.get(slug="torebek-tolegenov")
    assert torebek.name_ru == "Торебек Толегенов"
    variant = torebek.variants.get(spelling=torebek.name_ru)
    assert variant.is_transliteration
    for person in Person.objects.all():
        spellings = set(person.variants.values_list("spelling", flat=True))
        for code in LANGUAGES:
            assert getattr(person, f"name_{code}") in spellings, (person, code)


def test_dates_keep_their_precision(content):
    assert Event.objects.get(slug="strike-begins").date_precision == DatePrecision.MONTH
    assert Event.objects.get(slug="strikers-dismissed").date_precision == DatePrecision.YEAR
    assert Event.objects.get(slug="police-open-fire-alan-square").date_iso == "2011-12-16"


def test_the_unnamed_reference_is_the_official_seventeen(content):
    reference = CountClaim.objects.get(is_unnamed_reference=True)
    assert (reference.low, reference.claimant_kind) == (17, CountClaim.ClaimantKind.OFFICIAL)


def test_reloading_never_republishes_or_overrides_consent(content):
    person = Person.objects.get(slug="roza-tuletaeva")
    person.consent = Person.Consent.WITHDRAWN
    person.biography_en = "Edited by an editor."
    person.save()
    Event.objects.filter(slug="jobs-protests").update(published=False)
    load_memorial()
    person.refresh_from_db()
    assert person.consent == Person.Consent.WITHDRAWN
    assert person.biography_en == "Edited by an editor."
    load_memorial(refresh=True)
    person.refresh_from_db()
    assert person.consent == Person.Consent.WITHDRAWN
    assert person.biography_en != "Edited by an editor."
    assert not Event.objects.get(slug="jobs-protests").published


def test_loading_drops_pages_cached_by_the_previous_release(content):
    from memorial.pagecache import content_version

    before = content_version()
    call_command("load_memorial")
    assert content_version() != before
