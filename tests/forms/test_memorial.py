"""The memorial's forms as a browser submits them: candle, correction request, people search,
and the partner page's embed options."""

import pytest
from django.urls import reverse

from memorial.models import CorrectionRequest, Person, Tribute
from tests.forms.browsing import form_to, heading, submitted


@pytest.mark.django_db(transaction=True)
def test_a_visitor_lights_a_candle(visitor):
    """The candle count is renewed when the candle's transaction commits, so this test lets
    it commit; the home page was seen first, so a stale stored copy would show."""
    home = reverse("memorial:home")
    candles = reverse("memorial:candles")
    assert "Light a candle in memory of the victims" in visitor.get(home).text
    page = visitor.get(candles)
    form = form_to(page, candles)
    form["first_name"] = "Aigerim"
    form["message"] = "We remember."

    response = submitted(form)

    assert response.location.endswith(f"{candles}#candle-count")
    thanks = response.follow()
    assert "Thank you. Your candle is lit." in thanks.text
    assert "1 candle lit in memory." in thanks.text
    assert "We remember." not in thanks.text, "a message waits for a moderator"
    tribute = Tribute.objects.get()
    assert (tribute.first_name, tribute.message, tribute.language) == (
        "Aigerim",
        "We remember.",
        "en",
    )
    assert tribute.state == Tribute.State.PENDING
    assert "1 candle lit in memory." in visitor.get(home).text


def test_a_relative_asks_for_a_correction_from_the_persons_page(visitor, content):
    person_page = visitor.get(reverse("memorial:person_detail", args=["roza-tuletaeva"]))
    page = person_page.click(description="Ask for a correction or removal of this entry")
    form = form_to(page, reverse("memorial:correction"))
    roza = Person.objects.get(slug="roza-tuletaeva")
    assert form["person"].value == str(roza.pk), "the link chose the person"
    form["requester_name"] = "Aliya"
    form["contact"] = "aliya@example.org"
    form["relation"].select(text="family member")
    form["action"].select(text="hide the name")
    form["message"] = "Please show her initials only."

    response = submitted(form)

    assert response.location.endswith(reverse("memorial:correction_thanks"))
    assert heading(response.follow()) == "Thank you: your request has reached us"
    request = CorrectionRequest.objects.get()
    assert request.person == roza
    assert (request.requester_name, request.contact) == ("Aliya", "aliya@example.org")
    assert (request.relation, request.action) == ("family", "anonymise")
    assert request.message == "Please show her initials only."
    assert (request.state, request.language) == (CorrectionRequest.State.NEW, "en")


def test_people_are_found_by_any_spelling_of_their_name(visitor, content):
    people = reverse("memorial:people")
    form = form_to(visitor.get(people), people)
    form["q"] = "Тулетаева"

    results = form.submit()

    assert results.request.path == people
    assert results.request.GET["q"] == "Тулетаева"
    assert "1 person found." in results.text
    names = [link.get_text(strip=True) for link in results.html.select(".memorial-person-name")]
    assert names == ["Roza Tuletaeva"]


def test_people_are_filtered_by_what_was_done_to_them(visitor, content):
    people = reverse("memorial:people")
    form = form_to(visitor.get(people), people)
    form["harm"].select(text="Wounded")

    results = form.submit()

    assert results.request.GET["harm"] == "wounded"
    assert "2 people found." in results.text
    names = {link.get_text(strip=True) for link in results.html.select(".memorial-person-name")}
    assert names == {"Duisen Nurov", "Zhanbyr Yergazev"}


def test_a_partner_chooses_the_embed_options(visitor):
    partner_page = reverse("memorial_embed_page")
    form = form_to(visitor.get(partner_page), partner_page)
    form["lang"].select(text="Kazakh")
    form["theme"].select(text="Dark")
    form["section"].select(text="The figures and who gives them")

    response = form.submit()

    # The code to paste is HTML, so the ampersands in its frame's address are escaped.
    code = response.html.find(id="embed-code").get_text()
    assert "/embed/memorial/?lang=kk&amp;theme=dark&amp;section=figures" in code
