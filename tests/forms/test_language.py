"""The language switcher: links to the same page in each language, followed as a reader does."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition
from tests.forms.browsing import emailed_link, form_to, heading, sign, submitted

PAGES = [
    ("memorial:home", []),
    ("memorial:people", []),
    ("memorial:person_detail", ["roza-tuletaeva"]),
    ("memorial:candles", []),
    ("memorial:correction", []),
    ("memorial_embed_page", []),
    ("campaign:petition_detail", ["inquiry-now"]),
]


def path_in(language, view, args):
    with translation.override(language):
        return reverse(view, args=args)


def switch_to(page, language):
    """Follow the switcher's link to `language`; the page must say it is in that language."""
    [link] = page.html.select(f'nav.language-switcher a[hreflang="{language}"]')
    landed = page.goto(link["href"])
    assert landed.html.html["lang"] == language
    [current] = landed.html.select('nav.language-switcher [aria-current="true"]')
    assert current["lang"] == language
    return landed


@pytest.mark.parametrize(("view", "args"), PAGES)
def test_the_switcher_leads_to_the_same_page_in_each_language(visitor, content, view, args):
    make_petition(slug="inquiry-now")
    english = visitor.get(path_in("en", view, args))

    for language in ("kk", "ru"):
        landed = switch_to(english, language)
        assert landed.request.path == path_in(language, view, args)
        back = switch_to(landed, "en")
        assert back.request.path == english.request.path


def test_a_visitor_switches_to_kazakh_and_signs_in_kazakh(visitor, new_visitor):
    petition = make_petition()
    page = switch_to(visitor.get(petition.get_absolute_url()), "kk")
    assert form_to(page, page.request.path)["sign"].value_if_submitted() == "Петицияға қол қою"

    response = sign(page, "Әсел Жұмабайқызы", "asel@example.org", "Қазақстан")

    assert heading(response.follow()) == "Тағы бір қадам: поштаңызды тексеріңіз"  # noqa: RUF001
    [message] = mail.outbox
    assert message.subject == "Электрондық пошта мекенжайыңызды растаңыз"
    link = emailed_link(message, "confirm")
    assert link.startswith("/kk/")
    confirm_page = new_visitor().get(link)
    confirmed = submitted(form_to(confirm_page, link)).follow()
    assert heading(confirmed) == "Рахмет: қолтаңбаңыз расталды"
    signature = Signature.objects.get()
    assert (signature.name, signature.language) == ("Әсел Жұмабайқызы", "kk")
    assert signature.state == Signature.State.CONFIRMED


def test_switching_language_keeps_what_the_reader_searched_for(visitor, content):
    search = form_to(visitor.get(reverse("memorial:people")), reverse("memorial:people"))
    search["q"] = "Тулетаева"
    results = search.submit()
    landed = switch_to(results, "ru")
    assert landed.request.GET["q"] == "Тулетаева"
    assert "Тулетаева" in landed.html.select_one("main").get_text()


def test_a_query_string_never_shapes_the_stored_petition_page(new_visitor, db):
    make_petition(slug="inquiry-now")
    path = reverse("campaign:petition_detail", args=["inquiry-now"])
    new_visitor().get(path + "?ref=somewhere-else")
    page = new_visitor().get(path)
    links = [a["href"] for a in page.html.select("nav.language-switcher a")]
    assert links and all("somewhere-else" not in link for link in links)
