"""Care and dignity on the public pages: the care rule for sexual violence, the order and the
opening of each person's entry, the unnamed dead as an invitation, and how-many claims read
as the claimants put them."""

import json
import re

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from memorial import queries
from memorial.admin.content import HarmInline
from memorial.models import CorrectionRequest, CountClaim, Harm, Person
from tests.memorial.test_facts import public_texts

pytestmark = pytest.mark.django_db

SEXUAL_VIOLENCE = re.compile(r"sexual|сексуальн|жыныстық", re.I)


def get(client, name, language="en", query="", **kwargs):
    with translation.override(language):
        url = reverse(f"memorial:{name}", kwargs=kwargs or None)
    response = client.get(url + query)
    assert response.status_code == 200, url
    return response.content.decode()


def main(page):
    return page[page.index("<main") : page.index("</main>")]


# The care rule: sexual violence is tied to a named person only where she spoke of it herself.


def other_names():
    """Every spelling of every person's name but Roza Tuletaeva's, in every script."""
    names = set()
    for person in Person.objects.exclude(slug="roza-tuletaeva").prefetch_related("variants"):
        names |= {variant.spelling.split()[-1][:-1] for variant in person.variants.all()}
    return names


def test_no_public_text_ties_sexual_violence_to_anyone_but_tuletaeva(content):
    names = other_names()
    for where, text in public_texts():
        if SEXUAL_VIOLENCE.search(text):
            assert where.startswith("roza-tuletaeva") or not any(n in text for n in names), where


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_only_tuletaevas_page_speaks_of_sexual_violence(client, content, language):
    for person in Person.objects.public():
        page = main(get(client, "person_detail", language, slug=person.slug))
        spoken = bool(SEXUAL_VIOLENCE.search(page))
        assert spoken == (person.slug == "roza-tuletaeva"), (person.slug, language)
    # The people page and the home page's list of people name no one with it; the home page's
    # story may speak of sexual violence in detention without a name (the tenth anniversary).
    home = main(get(client, "home", language))
    for name, page in [("people", main(get(client, "people", language))), ("home", home)]:
        people = page[page.index('id="the-people"') :] if name == "home" else page
        assert not SEXUAL_VIOLENCE.search(people), name


def test_the_people_list_never_gathers_names_under_sexual_violence(client, content):
    page = get(client, "people")
    assert 'value="sexual_violence"' not in page
    assert not SEXUAL_VIOLENCE.search(" ".join(re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page)))
    filtered = client.get(reverse("memorial:people"), {"harm": "sexual_violence"})
    assert "asem-kenzhebaeva" in filtered.content.decode(), "the filter is ignored, not applied"
    assert "Show everyone" not in filtered.content.decode()


def test_open_data_and_the_embed_keep_to_the_rule(client, content):
    harms = json.loads(client.get("/en/data/harms.json").content)["records"]
    disclosed = {row["person"] for row in harms if row["kind"] == Harm.Kind.SEXUAL_VIOLENCE}
    assert disclosed == {"roza-tuletaeva"}
    people = json.loads(client.get("/en/data/people.json").content)["records"]
    asem = next(row for row in people if row["slug"] == "asem-kenzhebaeva")
    assert asem["harms"] == ["detained"]
    assert not SEXUAL_VIOLENCE.search(client.get("/embed/memorial/").content.decode())


def test_a_sexual_violence_record_cannot_be_public_on_the_sources_word_alone(content):
    person = Person.objects.get(slug="duisen-nurov")
    with pytest.raises(IntegrityError), transaction.atomic():
        Harm.objects.create(person=person, kind=Harm.Kind.SEXUAL_VIOLENCE)
    Harm.objects.create(
        person=person, kind=Harm.Kind.SEXUAL_VIOLENCE, disclosure=Harm.Disclosure.EDITORS_ONLY
    )


def test_editors_keep_the_full_record(content):
    kept = Harm.objects.get(person__slug="asem-kenzhebaeva", kind=Harm.Kind.SEXUAL_VIOLENCE)
    assert kept.disclosure == Harm.Disclosure.EDITORS_ONLY
    assert "disclosure" in HarmInline.fields
    assert queries.person_detail("zhansaule-karabalaeva") is None
    person = queries.person_detail("zhansaule-karabalaeva", include_unpublished=True)
    harms = queries.sort_harms(person.harms.all())
    page = render_to_string(
        "memorial/person_detail.html", {"person": person, "harms": harms, "preview": True}
    )
    assert "kept for editors" in page and "RFE/RL" in page


# The people page and home: the dead first, each entry opening with the person.


def entries(page):
    """[(group, [name, ...]), ...] as the page lists them."""
    groups = re.findall(r'<h2 id="group-([a-z]+)">.*?</h2>(.*?)</section>', page, re.S)
    return [
        (key, re.findall(r'class="memorial-person-name">(?:<span lang="en">)?([^<]+)<', body))
        for key, body in groups
    ]


def test_the_dead_come_first_then_the_wounded_then_the_detained(client, content):
    assert entries(get(client, "people")) == [
        ("dead", ["Imran Shulashayev", "Torebek Tolegenov", "Bazarbay Kenzhebayev"]),
        ("wounded", ["Duisen Nurov", "Zhanbyr Yergazev"]),
        ("detained", ["Roza Tuletaeva", "Asem Kenzhebaeva", "Erzhan Elshibayev"]),
    ]


def test_each_entry_opens_with_the_person_not_with_labels(client, content):
    page = get(client, "people")
    assert "memorial-harm" not in page
    items = re.findall(r'<li class="memorial-person-item">(.*?)</li>', page, re.S)
    assert len(items) == Person.objects.public().count()
    for item in items:
        assert item.strip().startswith('<p class="memorial-person-line"><a href="/en/people/')
    shulashayev = next(item for item in items if "Shulashayev" in item)
    assert re.search(
        r"Imran Shulashayev</a>, aged 38</p>\s*<p class=\"memorial-person-when\">Zhanaozen, "
        r'<time datetime="2011-12-16">16 December 2011</time>',
        shulashayev,
    )
    russian = get(client, "people", "ru")
    assert "Имран Шулашаев</a>, 38 лет</p>" in russian
    assert "Роза Тулетаева</a>, 46 лет" in russian


def test_home_lists_the_people_in_the_same_order(client, content):
    page = main(get(client, "home"))
    people = page[page.index('id="the-people"') :]
    headings = re.findall(r'<h3 class="h5">([^<]+)</h3>', people)
    assert headings == ["The dead", "The wounded", "Detained, tried or jailed"]
    assert people.index("Imran Shulashayev</a>, aged 38 — Zhanaozen") < people.index("Tolegenov")


def test_the_unnamed_dead_are_an_invitation_to_tell_us_a_name(client, content):
    for name in ("people", "home", "figures"):
        page = main(get(client, name))
        assert "If you know a name, tell us." in page, name
        assert '/en/correction/?action=add"' in page, name
        assert "Name not known" not in page and "do not know" not in page, name
    form = get(client, "correction", query="?action=add")
    assert f'<option value="{CorrectionRequest.Action.ADD}" selected>' in form


# How many: a claim in words is text; nothing repeated, nothing left as "not recorded".


@pytest.mark.parametrize("name", ["figures", "home"])
def test_claims_in_words_are_text_not_big_numbers(client, content, name):
    page = main(get(client, name))
    figures = re.findall(r'<span class="memorial-figure">([^<]*)</span>', page)
    assert figures and all(re.fullmatch(r"(at least )?\d+", figure) for figure in figures)
    assert '<span class="memorial-claim-words">Dozens, perhaps hundreds, more</span>' in page


def test_the_figures_table_says_each_thing_once(client, content):
    page = main(get(client, "figures"))
    rows = dict(re.findall(r'<tr id="([^"]+)">(.*?)</tr>', page, re.S))
    official = rows["officials-killed-17"]
    assert '<td data-label="Claimant">State officials</td>' in official
    assert '<td data-label="Date stated"></td>' in official
    assert "not recorded" not in page
    for slug, row in rows.items():
        cell = re.search(r'<td class="small" data-label="Sources">(.*?)</td>', row, re.S)
        assert not cell.group(1).startswith('<span class="memorial-cites">Sources:'), slug
    # The claimant's kind (its raw category) is not printed under the claimant.
    kinds = [str(label) for _value, label in CountClaim.ClaimantKind.choices]
    for kind in kinds:
        assert f'<span class="small-muted">{kind}</span>' not in page


def test_the_embed_sets_claims_in_words_as_text(client, content):
    page = client.get("/embed/memorial/?section=figures").content.decode()
    assert '<span class="words">dozens, perhaps hundreds, more</span>' in page
    assert "not yet recorded" not in page
    assert all(
        re.fullmatch(r"(at least )?\d+", figure)
        for figure in re.findall(r'<span class="figure">([^<]*)</span>', page)
    )
