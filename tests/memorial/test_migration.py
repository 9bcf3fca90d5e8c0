"""A database loaded by an earlier release is corrected by migrating it, whatever
`load_memorial` would do (it never changes publication or what a harm discloses)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from memorial.loading import load_memorial
from memorial.models import CountClaim, Event, Harm, Person, Source

BEFORE = [("memorial", "0003_translation_review")]
AFTER = [("memorial", "0006_harm_sexual_violence_constraint")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def earlier_release(transactional_db):
    """The records as the previous release shipped them, where this one corrects them."""
    apps = migrate(BEFORE)
    Person = apps.get_model("memorial", "Person")
    Harm = apps.get_model("memorial", "Harm")
    Source = apps.get_model("memorial", "Source")
    Citation = apps.get_model("memorial", "Citation")
    CountClaim = apps.get_model("memorial", "CountClaim")
    Event = apps.get_model("memorial", "Event")
    pn21 = Source.objects.create(key="pn21", publisher="People & Nature", kind="campaign")
    for slug, name in [
        ("zhansaule-karabalaeva", "Zhansaule Karabalaeva"),
        ("asem-kenzhebaeva", "Asem Kenzhebaeva"),
        ("roza-tuletaeva", "Roza Tuletaeva"),
    ]:
        person = Person.objects.create(slug=slug, name_en=name, biography_en="-", published=True)
        Harm.objects.create(person=person, kind="detained")
        Harm.objects.create(person=person, kind="sexual_violence")
    common = {"counted": "killed", "claimant_en": "State officials", "claimant_kind": "official"}
    CountClaim.objects.create(
        slug="officials-killed-16", low=16, high=16, is_unnamed_reference=True, **common
    )
    CountClaim.objects.create(slug="later-official-17", low=17, high=17, **common)
    Event.objects.create(slug="shetpe-station", title_en="-", summary_en="-", date="2011-12-17")
    duplicate = Source.objects.create(key="azattyq-death-toll", publisher="Azattyq", kind="press")
    Source.objects.create(key="azattyq-2025", publisher="Azattyq", kind="press")
    claim = CountClaim.objects.get(slug="later-official-17")
    Citation.objects.create(source=duplicate, claim=claim)
    Citation.objects.create(source=pn21, claim=claim)
    migrate(AFTER)


def test_migrating_corrects_what_the_earlier_release_shipped(earlier_release):
    karabalaeva = Person.objects.get(slug="zhansaule-karabalaeva")
    assert not karabalaeva.published
    assert list(karabalaeva.harms.values_list("kind", "disclosure")) == [
        ("sexual_violence", Harm.Disclosure.EDITORS_ONLY)
    ]
    asem = Harm.objects.get(person__slug="asem-kenzhebaeva", kind="sexual_violence")
    assert asem.disclosure == Harm.Disclosure.EDITORS_ONLY
    roza = Harm.objects.get(person__slug="roza-tuletaeva", kind="sexual_violence")
    assert roza.disclosure == Harm.Disclosure.OWN_ACCOUNT
    assert Person.objects.get(slug="roza-tuletaeva").published
    assert CountClaim.objects.get(is_unnamed_reference=True).slug == "officials-killed-17"
    assert Event.objects.filter(slug="shooting-in-shetpe").exists()
    assert not Source.objects.filter(key="azattyq-death-toll").exists()
    claim = CountClaim.objects.get(slug="officials-killed-17")
    assert set(claim.citations.values_list("source__key", flat=True)) == {"azattyq-2025", "pn21"}


def test_then_loading_the_content_refreshes_the_corrected_records(earlier_release):
    load_memorial(refresh=True)
    assert not Person.objects.get(slug="zhansaule-karabalaeva").published
    assert CountClaim.objects.filter(slug="later-official-17").count() == 0
    assert Event.objects.get(slug="shooting-in-shetpe").place_en == "Shetpe"
    assert Event.objects.filter(slug="shetpe-station").count() == 0
    claim = CountClaim.objects.get(slug="officials-killed-17")
    assert set(claim.citations.values_list("source__key", flat=True)) == {
        "reuters-2012-01-26",
        "interfax-2012-07-13",
        "azattyq-2025",
    }
