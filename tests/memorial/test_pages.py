"""The public pages: content, meta tags, languages, sources beside every fact."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from memorial.models import CountClaim, Event, Harm, Person

pytestmark = pytest.mark.django_db

PAGES = ["home", "timeline", "people", "figures", "sources", "candles", "correction", "open_data"]


def get(client, name, language="en", **kwargs):
    with translation.override(language):
        url = reverse(f"memorial:{name}", kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_title_description_open_graph_and_canonical(client, content, name, language):
    html = get(client, name, language)
    assert f'<html lang="{language}">' in html
    title = re.search(r"<title>(.+?)</title>", html, re.S).group(1).strip()
    assert title
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert re.search(r'<meta property="og:description" content="[^"]+">', html)
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/{language}/' in html
    assert "<script>" not in html and 'style="' not in html


def test_person_page_has_its_own_title_and_canonical(client, content):
    html = get(client, "person_detail", slug="imran-shulashayev")
    assert "<title>Imran Shulashayev: Zhanaozen 2011 memorial</title>" in html
    assert 'href="http://127.0.0.1:8000/en/people/imran-shulashayev/"' in html
    assert '<meta property="og:title" content="Imran Shulashayev">' in html


def test_home_tells_the_story_asks_the_questions_and_calls_to_sign(client, content):
    html = get(client, "home")
    for event in Event.objects.public().filter(featured=True):
        assert event.summary_en.split(".")[0] in html.replace("&#x27;", "'")
    assert "Who fired the shots?" in html
    assert "Evgeny Zhovtis" in html
    assert 'href="/en/petitions/"' in html
    assert "Sign the petition" in html
    assert "Light a candle in memory of the victims" in html and "0 candles" not in html
    for person in Person.objects.public():
        assert person.get_absolute_url() in html
    assert "State officials" in html


def test_home_is_translated_content(client, content):
    html = get(client, "home", "kk")
    assert Event.objects.get(slug="strike-begins").summary_kk[:40] in html
    assert "Төребек Төлегенов" in html


def test_timeline_shows_dates_to_their_precision_with_places_and_sources(client, content):
    html = get(client, "timeline")
    assert '<time datetime="2011-05">May 2011</time>' in html
    assert '<time datetime="2011">2011</time>' in html
    assert '· <span class="memorial-place">Shetpe</span>' in html
    events = Event.objects.public()
    assert html.count('class="memorial-event"') == events.count()
    # Every event block carries a link to at least one source.
    blocks = html.split('class="memorial-event"')[1:]
    assert all("/en/sources/#source-" in block for block in blocks)
    assert html.index("strike-begins") < html.index("tenth-anniversary")


def test_timeline_hides_unpublished_events(client, content):
    Event.objects.filter(slug="jobs-protests").update(published=False)
    assert 'id="jobs-protests"' not in get(client, "timeline")


def test_people_are_grouped_dead_first_with_unnamed_places(client, content):
    html = get(client, "people")
    headings = re.findall(r'<h2 id="group-[a-z]+">([^<]+)</h2>', html)
    assert headings == ["The dead", "The wounded", "Detained, tried or jailed"]
    # The official 17: 16 on 16 December and Tolegenov in Shetpe; Shulashayev and Tolegenov
    # are named, so 15 places remain.
    assert html.count("Not yet recorded here</li>") == 15
    assert "The official number of dead is 17: 16 killed on 16 December 2011" in html
    assert "name 2 of them" in html


def test_unnamed_places_follow_the_official_claim_not_the_template(client, content):
    CountClaim.objects.filter(is_unnamed_reference=True).update(low=20, high=20)
    html = get(client, "people")
    assert html.count("Not yet recorded here</li>") == 18
    assert "The official number of dead is 20" in html


def test_naming_a_victim_closes_a_place(client, content):
    person = Person.objects.get(slug="bazarbay-kenzhebayev")
    Harm.objects.create(person=person, kind=Harm.Kind.KILLED)
    assert get(client, "people").count("Not yet recorded here</li>") == 14


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Шулашаев", "imran-shulashayev"),
        ("shulashaev", "imran-shulashayev"),
        ("Дүйсен", "duisen-nurov"),
        ("Duysen", "duisen-nurov"),
        ("Yelshibayev", "erzhan-elshibayev"),
        ("Төлегенов", "torebek-tolegenov"),
    ],
)
def test_people_search_finds_any_spelling(client, content, query, slug):
    response = client.get(reverse("memorial:people"), {"q": query})
    html = response.content.decode()
    assert f"/en/people/{slug}/" in html
    assert "1 person found." in html
    assert "Not yet recorded here</li>" not in html


def test_people_filter_by_harm(client, content):
    html = client.get(reverse("memorial:people"), {"harm": "wounded"}).content.decode()
    assert "/en/people/duisen-nurov/" in html
    assert "/en/people/zhanbyr-yergazev/" in html
    assert "/en/people/roza-tuletaeva/" not in html
    html = client.get(reverse("memorial:people"), {"harm": "imprisoned"}).content.decode()
    assert "/en/people/roza-tuletaeva/" in html
    assert "/en/people/erzhan-elshibayev/" in html
    assert "2 people found." in html
    # An unknown filter is ignored rather than an error.
    assert client.get(reverse("memorial:people"), {"harm": "<x>"}).status_code == 200


def test_person_page_says_what_the_sources_say(client, content):
    html = get(client, "person_detail", slug="roza-tuletaeva")
    assert "Sentenced to seven years in prison" in html
    assert '<time datetime="2012-06-04">' in html
    assert "Aktau" in html
    assert "/en/sources/#source-eurasianet-shoes-fly" in html
    assert "(campaign)" in html
    assert "our transliteration, not yet found in a source" in html
    assert "as printed by People &amp; Nature" in html
    assert "/en/correction/?person=roza-tuletaeva" in html


def test_person_page_respects_the_naming_level(client, content):
    Person.objects.filter(slug="asem-kenzhebaeva").update(visibility=Person.Visibility.INITIALS)
    html = get(client, "person_detail", slug="asem-kenzhebaeva")
    assert "<h1>A. K.</h1>" in html
    assert "Kenzhebaeva" not in html.split("<main", 1)[1]
    people = get(client, "people")
    assert "Asem Kenzhebaeva" not in people


def test_unknown_person_is_404(client, content):
    assert client.get(reverse("memorial:person_detail", args=["nobody"])).status_code == 404


def test_figures_never_show_a_number_without_its_claimant(client, content):
    html = get(client, "figures")
    rows = re.findall(r'<tr id="([^"]+)">(.*?)</tr>', html, re.S)
    assert len(rows) == CountClaim.objects.public().count()
    for slug, row in rows:
        claim = CountClaim.objects.get(slug=slug)
        assert escape(claim.claimant_en) in row
        assert "/en/sources/#source-" in row
    assert "dozens, perhaps hundreds, more" in html
    assert "at least 64" in html
    assert "10, then 11, then 13, then 15" in html


def test_sources_page_lists_publisher_date_kind_and_labels_campaigns(client, content):
    html = get(client, "sources")
    assert 'id="source-pn21"' in html
    assert "People &amp; Nature" in html
    assert 'href="https://www.bbc.com/news/world-asia-18055249"' in html
    assert '<cite lang="ru">Жанаозенские события глазами подростка</cite>' in html
    pn21 = html.split('id="source-pn21"')[1].split("</li>")[0]
    assert "memorial-kind-campaign" in pn21 and "Campaign" in pn21
    assert "We have no web address for it." in html


def test_open_data_page_links_every_dataset_and_a_licence(client, content):
    html = get(client, "open_data")
    for dataset in ("events", "people", "harms", "claims", "sources"):
        for fmt in ("json", "csv"):
            assert f'href="/en/data/{dataset}.{fmt}"' in html
    assert "CC BY 4.0" in html


def test_correction_link_preselects_the_person(client, content):
    html = client.get(reverse("memorial:correction"), {"person": "duisen-nurov"}).content.decode()
    person = Person.objects.get(slug="duisen-nurov")
    assert f'<option value="{person.pk}" selected>Duisen Nurov</option>' in html


def test_sitemap_lists_every_language_with_alternates(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for language in ("en", "ru", "kk"):
        assert f"<loc>http://testserver/{language}/people/roza-tuletaeva/</loc>" in xml
        assert f"<loc>http://testserver/{language}/timeline/</loc>" in xml
        assert f'hreflang="{language}" href="http://testserver/{language}/how-many/"' in xml


def test_person_photo_has_alt_text_and_credit(client, content):
    Person.objects.filter(slug="duisen-nurov").update(
        photo="memorial/people/duisen.jpg",
        photo_alt_en="Duisen Nurov in 2012",
        photo_credit="Family archive",
    )
    html = get(client, "person_detail", slug="duisen-nurov")
    assert '<img src="/media/memorial/people/duisen.jpg" alt="Duisen Nurov in 2012">' in html
    assert "Photo: Family archive" in html


def test_a_photo_without_alt_text_is_refused(content):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(slug="duisen-nurov").update(photo="memorial/people/x.jpg")


def test_sitemap_lists_every_memorial_page(client, content):
    xml = client.get("/sitemap.xml").content.decode()
    for name in ("home", "timeline", "people", "figures", "sources", "candles", "correction"):
        with translation.override("kk"):
            assert f"<loc>http://testserver{reverse(f'memorial:{name}')}</loc>" in xml, name
