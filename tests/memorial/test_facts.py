"""The corrections of issue 14, checked against the content as `load_memorial` ships it.

Each test names the fact FACTS.md corrects or adds, and checks it in the loaded records (and,
for the petition, in the text `load_petition` writes), in every language where it is said.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from campaign.petitions.models import Petition
from memorial import queries
from memorial.loading import load_memorial
from memorial.models import Citation, CountClaim, Event, Harm, Person, Source

pytestmark = pytest.mark.django_db

FACTS = Path(settings.BASE_DIR).parent / "shared" / "seed" / "FACTS.md"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def texts(obj, *fields):
    """Every language's text of `fields`, joined: what a reader can see in any language."""
    return " ".join(getattr(obj, f"{field}_{code}") or "" for field in fields for code in LANGUAGES)


def cited(obj):
    return {citation.source.key: citation for citation in obj.citations.all()}


def public_texts():
    """Every translated text a public page can show, with where it comes from."""
    for event in Event.objects.public():
        yield event.slug, texts(event, "title", "place", "summary")
    for claim in CountClaim.objects.public():
        yield claim.slug, texts(claim, "claimant", "words", "scope", "summary")
    for person in Person.objects.public():
        yield person.slug, texts(person, "biography", "occupation")
        for harm in person.harms.all():
            yield f"{person.slug}/{harm.kind}", texts(harm, "place", "description")


# Zhansaule Karabalaeva: the sources conflict.


def test_karabalaeva_ships_unpublished_with_both_accounts_and_no_detention(content):
    person = Person.objects.get(slug="zhansaule-karabalaeva")
    assert not person.published
    assert set(cited(person)) == {"pn21", "rferl-strike-2011-09"}
    for code in LANGUAGES:
        biography = getattr(person, f"biography_{code}")
        assert "People & Nature" in biography and "RFE/RL" in biography, code
        assert "2011" in biography, code
    # Not a December 2011 detainee: no record of detention, nothing dated, the one harm
    # People & Nature reports kept for editors.
    assert not person.harms.filter(kind=Harm.Kind.DETAINED).exists()
    assert not person.harms.exclude(date=None).exists()
    assert list(person.harms.values_list("kind", "disclosure")) == [
        (Harm.Kind.SEXUAL_VIOLENCE, Harm.Disclosure.EDITORS_ONLY)
    ]
    assert person.variants.filter(spelling="Zhansaule Qarabalaeva").get().source.key == (
        "rferl-strike-2011-09"
    )


def test_loading_never_flips_her_publication_either_way(content):
    Person.objects.filter(slug="zhansaule-karabalaeva").update(published=True)
    load_memorial(refresh=True)
    assert Person.objects.get(slug="zhansaule-karabalaeva").published
    Person.objects.filter(slug="zhansaule-karabalaeva").update(published=False)
    load_memorial()
    assert not Person.objects.get(slug="zhansaule-karabalaeva").published


def test_karabalaeva_is_on_no_public_page(client, content):
    pages = ["/en/", "/en/people/", "/en/how-many/", "/en/timeline/", "/en/data/people.json"]
    pages += ["/en/data/harms.json", "/embed/memorial/", "/ru/people/", "/kk/people/"]
    for url in pages:
        page = client.get(url).content.decode()
        assert "Karabalaeva" not in page and "Карабалаева" not in page, url
        assert "Қарабалаева" not in page, url
    assert client.get("/en/people/zhansaule-karabalaeva/").status_code == 404


# Maina Kiai: 27 January 2015, in the timeline and in the petition.


def test_kiai_called_for_an_investigation_on_27_january_2015(content):
    event = Event.objects.get(slug="special-rapporteur-calls-for-commission")
    assert event.date == datetime.date(2015, 1, 27)
    assert event.date_precision == "day"
    assert {"kiai-end-of-visit-2015", "un-hrc-kiai-2015"} <= set(cited(event))
    for code in LANGUAGES:
        assert "2015" in getattr(event, f"summary_{code}"), code
        assert "2012" not in getattr(event, f"summary_{code}"), code


def test_the_petition_dates_kiais_call_2015_in_every_language(db):
    call_command("load_petition", stdout=io.StringIO())
    petition = Petition.objects.get()
    for code, name in [("en", "Kiai"), ("ru", "Киаи"), ("kk", "Киаи")]:
        summary = getattr(petition, f"summary_{code}")
        sentence = next(part for part in re.split(r"(?<=\.) ", summary) if name in part)
        assert "2015" in sentence and "2012" not in sentence, (code, sentence)
        sources = getattr(petition, f"sources_{code}")
        assert "2015" in sources.split(name, 1)[1], code


# How many: the dead and the injured, each claimant's own figure.


def test_kostyuchenkos_64_counts_the_dead(content):
    claim = CountClaim.objects.get(claimant_kind=CountClaim.ClaimantKind.JOURNALIST, low=64)
    assert claim.counted == CountClaim.Counted.KILLED
    assert (claim.low, claim.high) == (64, None)
    assert "morgue" in claim.scope_en
    assert set(cited(claim)) == {"novaya-gazeta-2011-12-23", "kostyuchenko-2018"}
    assert not CountClaim.objects.filter(
        claimant_kind=CountClaim.ClaimantKind.JOURNALIST, counted=CountClaim.Counted.INJURED
    ).exists()


def test_the_unnamed_places_follow_the_official_17_and_the_named_dead(content):
    reference = CountClaim.objects.get(is_unnamed_reference=True)
    assert reference.low == 17
    assert "Tolegenov" in reference.scope_en and "Shetpe" in reference.scope_en
    assert "16 killed on 16 December 2011" in reference.scope_en
    tolegenov = Harm.objects.get(person__slug="torebek-tolegenov", kind=Harm.Kind.KILLED)
    assert (tolegenov.date, tolegenov.place_en) == (datetime.date(2011, 12, 17), "Shetpe")
    named = Person.objects.public().with_harm(Harm.Kind.KILLED)
    assert set(named.values_list("slug", flat=True)) == {"torebek-tolegenov", "imran-shulashayev"}
    unnamed = queries.unnamed_dead()
    assert (unnamed.named, unnamed.places) == (2, 15)


def test_the_official_toll_rose_10_11_13_15(content):
    claim = CountClaim.objects.get(slug="prosecutors-successive-tolls-dec-2011")
    assert claim.words_en == "10, then 11, then 13, then 15"
    assert (claim.low, claim.high) == (10, 15)
    assert set(cited(claim)) == {"respublika-prosecutor-figures", "interfax-ukraine-2011-12-18"}
    assert "13" in cited(claim)["interfax-ukraine-2011-12-18"].note_en


def test_the_revolver_detail_is_galym_ageleuovs_account(content):
    revolvers = [
        claim
        for claim in CountClaim.objects.all()
        if "revolver" in texts(claim, "words", "scope", "summary").lower()
    ]
    assert [claim.slug for claim in revolvers] == ["ageleuov-revolvers"]
    (claim,) = revolvers
    assert claim.claimant_kind == CountClaim.ClaimantKind.CAMPAIGNER
    assert "Galym Ageleuov" in claim.claimant_en
    square = CountClaim.objects.get(slug="officials-alan-square-15")
    assert not re.search(r"револьвер|revolver", texts(square, "scope", "summary"), re.I)


# The strike, Shetpe, 2021.


def test_the_strike_lasted_about_seven_months_in_every_language(content):
    event = Event.objects.get(slug="strike-begins")
    expected = {"en": "about seven months", "ru": "около семи месяцев", "kk": "жеті айға"}
    for code, words in expected.items():
        assert words in getattr(event, f"summary_{code}"), code
    assert "seven months" in cited(event)["bbc-abuse-claims-trial"].note_en
    six = re.compile(r"six months|six-month|шест\w* месяц|алты ай", re.I)
    for where, text in public_texts():
        assert not six.search(text), where
    call_command("load_petition", stdout=io.StringIO())
    assert not six.search(texts(Petition.objects.get(), "summary"))


def test_tolegenov_was_killed_in_shetpe_not_at_the_station(content):
    station = re.compile(r"\b(?:station|станци|бекет)", re.I)
    for where, text in public_texts():
        assert not station.search(text), where
    event = Event.objects.get(date=datetime.date(2011, 12, 17), place_en="Shetpe")
    assert "Police open fire in Shetpe" in event.summary_en


def test_eleven_firms_struck_in_zhanaozen_alone_in_july_2021(content):
    event = Event.objects.get(slug="strike-wave-2021")
    assert event.date_iso == "2021-07"
    assert "In Zhanaozen alone, workers at 11 firms" in event.summary_en
    assert "Только в Жанаозене" in event.summary_ru and "11 компаний" in event.summary_ru
    assert "Тек Жаңаөзеннің өзінде" in event.summary_kk and "11 компанияның" in event.summary_kk


# Citations carry the fact they are cited for.


def test_every_citation_says_what_it_is_cited_for_in_every_language(content):
    for citation in Citation.objects.all():
        for code in LANGUAGES:
            assert getattr(citation, f"note_{code}"), (citation, code)


@pytest.mark.parametrize(
    ("slug", "key", "fact"),
    [
        ("strike-begins", "bbc-abuse-claims-trial", "seven months"),
        ("trial-of-37-opens", "reuters-2012-03-27", "the date the trial opened"),
        ("police-officers-convicted", "reuters-2012-05-28", "the date and the prison terms"),
    ],
)
def test_an_event_cites_the_source_of_its_date(content, slug, key, fact):
    assert fact in cited(Event.objects.get(slug=slug))[key].note_en


def test_tuletaevas_torture_rests_on_her_own_testimony(content):
    harm = Harm.objects.get(person__slug="roza-tuletaeva", kind=Harm.Kind.TORTURED)
    citations = cited(harm)
    assert list(citations) == ["bbc-abuse-claims-trial"]
    testimony = citations["bbc-abuse-claims-trial"].note_en
    assert testimony == "her own testimony in court, 16 April 2012"
    assert Person.objects.get(slug="roza-tuletaeva").age == 46


@pytest.mark.parametrize("slug", ["officials-killed-16", "officials-killed-17"])
def test_the_official_toll_never_rests_on_a_campaigning_source_alone(content, slug):
    claim = CountClaim.objects.get(slug=slug)
    shown = [citation.source for citation in Citation.objects.public().filter(claim=claim)]
    assert shown[0].kind != Source.Kind.CAMPAIGN
    assert "reuters-2012-01-26" in [source.key for source in shown]


# Every source FACTS.md gives an address for: linked, with its title and date as published.


def facts_addresses():
    facts = FACTS.read_text(encoding="utf-8")
    table = facts[facts.index("## Addresses of the sources") :]
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 4 and cells[1].startswith("http"):
            yield cells


def as_published(title):
    """FACTS.md's title, without its remarks in brackets or a trailing ellipsis."""
    title = re.sub(r"\s*\([^)]*\)\s*$", "", title).removesuffix("...")
    return "" if title.startswith("(") else title


def iso(date):
    """'12 Jul 2012' -> '2012-07-12', 'Jan 2012' -> '2012-01', '2012 (...)' -> '2012'."""
    parts = date.split(" (")[0].split()
    if len(parts) == 1:
        return parts[0]
    month = MONTHS.index(parts[-2]) + 1
    day = f"-{int(parts[0]):02d}" if len(parts) == 3 else ""
    return f"{parts[-1]}-{month:02d}{day}"


@pytest.mark.skipif(not FACTS.exists(), reason="FACTS.md is not beside the repository")
def test_each_addressed_source_has_its_title_and_date_as_published(content):
    rows = list(facts_addresses())
    assert len(rows) == 25
    for publisher, url, title, date in rows:
        source = Source.objects.get(url=url)
        assert source.date_iso == iso(date), (url, source.date_iso, date)
        expected = as_published(title)
        if "openDemocracy" in publisher:
            # FACTS.md describes this one ("as edited for openDemocracy"); no title was seen.
            expected = ""
        assert source.title.startswith(expected) if expected else not source.title, url


def test_a_source_without_an_address_says_so_once_in_plain_words(client, content):
    page = client.get("/en/sources/").content.decode()
    assert "not recorded." not in page.replace("not recorded here", "")
    for source in Source.objects.filter(url=""):
        entry = page.split(f'id="source-{source.key}"')[1].split("</li>")[0]
        assert entry.count("web address") == 1, source.key
    for source in Source.objects.exclude(url=""):
        entry = page.split(f'id="source-{source.key}"')[1].split("</li>")[0]
        assert f'href="{source.url}"' in entry and "web address" not in entry, source.key


# The facts FACTS.md adds.


def test_the_sourced_facts_are_added(content):
    certificates = CountClaim.objects.get(slug="ageleuov-false-death-certificates")
    assert "heart attack" in certificates.words_en and "Ageleuov" in certificates.claimant_en
    graves = CountClaim.objects.get(slug="unmarked-graves-reports")
    assert "unmarked graves" in graves.words_en and "Kostyuchenko" in graves.claimant_en
    assert "never followed up" in graves.scope_en.lower()
    video = Event.objects.get(slug="video-smuggled-out")
    assert video.date == datetime.date(2011, 12, 16) and "smuggle" in video.title_en
    repression = Event.objects.get(slug="three-days-of-repression")
    assert "without clothes in the winter cold" in repression.summary_en
    assert "hrw-2012-02-06" in cited(repression)
    ministry = Event.objects.get(slug="foreign-ministry-answers-pillay")
    assert ministry.date == datetime.date(2012, 7, 13) and "“one-sided”" in ministry.summary_en
    assert list(cited(ministry)) == ["interfax-2012-07-13"]
    wounded = CountClaim.objects.get(counted=CountClaim.Counted.INJURED, low=86)
    assert wounded.stated_on == datetime.date(2011, 12, 17)
    assert "86 wounded" in Event.objects.get(slug="state-of-emergency").summary_en
    more_than_100 = CountClaim.objects.get(slug="officials-injured-more-than-100")
    assert more_than_100.words_en == "more than 100" and more_than_100.low is None
    assert list(cited(more_than_100)) == ["interfax-2012-07-13"]
