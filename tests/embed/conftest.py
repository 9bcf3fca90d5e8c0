import datetime

import pytest
from django.core.cache import cache

from memorial.models import Citation, CountClaim, Event, Harm, Person, Source, Tribute
from tests.campaign.factories import make_petition, make_signature


@pytest.fixture(autouse=True)
def clear_cache():
    """Counts (candles, signatures) are cached; every test starts from nothing."""
    cache.clear()
    yield
    cache.clear()


def make_person(slug, name, harm=Harm.Kind.KILLED, **fields):
    person = Person.objects.create(
        slug=slug,
        name_en=name,
        name_ru=fields.pop("name_ru", ""),
        biography_en="What the sources say.",
        published=fields.pop("published", True),
        **fields,
    )
    Harm.objects.create(person=person, kind=harm, date=datetime.date(2011, 12, 16))
    return person


@pytest.fixture
def memorial(db):
    """A small memorial: the dead, the harmed, people who must never show, figures, events."""
    source = Source.objects.create(key="wire", publisher="Wire Agency", kind=Source.Kind.PRESS)
    campaign = Source.objects.create(
        key="pn", publisher="Campaign Weekly", kind=Source.Kind.CAMPAIGN
    )
    people = {
        "killed": make_person("aidar-example", "Aidar Example", name_ru="Айдар Пример"),
        "custody": make_person("berik-example", "Berik Example", Harm.Kind.DIED_IN_CUSTODY),
        "wounded": make_person("dana-example", "Dana Example", Harm.Kind.WOUNDED),
        "withdrawn": make_person(
            "hidden-withdrawn", "Withdrawn Person", consent=Person.Consent.WITHDRAWN
        ),
        "unpublished": make_person("hidden-draft", "Draft Person", published=False),
        "initials": make_person(
            "initials-only", "Yerlan Sample", visibility=Person.Visibility.INITIALS
        ),
    }
    official = CountClaim.objects.create(
        slug="official",
        counted=CountClaim.Counted.KILLED,
        low=16,
        high=16,
        claimant_en="State officials",
        claimant_kind=CountClaim.ClaimantKind.OFFICIAL,
        grade=CountClaim.Grade.CONFIRMED,
        scope_en="Killed on 16 December 2011",
        is_unnamed_reference=True,
        published=True,
    )
    campaigners = CountClaim.objects.create(
        slug="campaigners",
        counted=CountClaim.Counted.KILLED,
        words_en="dozens, perhaps hundreds, more",
        claimant_en="Campaigners",
        claimant_kind=CountClaim.ClaimantKind.CAMPAIGNER,
        grade=CountClaim.Grade.WEAK,
        published=True,
        position=2,
    )
    CountClaim.objects.create(
        slug="unpublished-claim",
        counted=CountClaim.Counted.KILLED,
        low=999,
        high=999,
        claimant_en="Nobody yet",
        claimant_kind=CountClaim.ClaimantKind.OFFICIAL,
        grade=CountClaim.Grade.WEAK,
        published=False,
    )
    Citation.objects.create(source=source, claim=official)
    Citation.objects.create(source=campaign, claim=campaigners)
    Event.objects.create(
        slug="shooting",
        title_en="Police open fire on Alan Square",
        date=datetime.date(2011, 12, 16),
        summary_en="Police fire on the crowd.",
        published=True,
    )
    Event.objects.create(
        slug="draft-event",
        title_en="Unpublished event",
        date=datetime.date(2012, 1, 1),
        summary_en="Not yet.",
    )
    Tribute.objects.create(first_name="Gulnar", message="Never forgotten")
    Tribute.objects.create(first_name="Spam", state=Tribute.State.REJECTED)
    return people


@pytest.fixture
def petition(db):
    """An open petition with confirmed signers who chose to be named, and one pending."""
    petition = make_petition(slug="inquiry", title_en="An inquiry now", goal=1000)
    for number in range(3):
        make_signature(
            petition,
            email=f"named.signer{number}@example.org",
            state="confirmed",
            name=f"Named Signer{number}",
            city="Aktau",
            comment="Justice for Zhanaozen",
            show_name=True,
        )
    make_signature(petition, email="pending.signer@example.org", name="Pending Signer")
    return petition
