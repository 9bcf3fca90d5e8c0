"""The petition's public pages: what they show, what they never show, what they cost."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.petitions.models import Petition, Signature
from campaign.petitions.moderation import forget_cached_figures
from campaign.petitions.signing import reject
from tests.campaign.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def add_public_signers(petition, count, country="KZ", **fields):
    signatures = [
        make_signature(petition, state="confirmed", country=country, show_name=True, **fields)
        for _ in range(count)
    ]
    return signatures


def test_petition_page_shows_text_progress_form_and_privacy_notice(client):
    petition = make_petition(goal=100)
    add_public_signers(petition, 7)
    content = client.get(petition.get_absolute_url()).content.decode()
    assert petition.title in content
    assert "Who fired the shots?" in content
    assert "The UN High Commissioner for Human Rights" in content
    assert '<progress class="petition-bar" max="100" value="7"' in content
    assert 'name="email"' in content
    assert 'name="website"' in content
    assert "What happens to your details" in content
    assert reverse("campaign:privacy") in content
    # Both choices are unticked by default.
    assert not re.search(r'name="show_name"[^>]*checked', content)
    assert not re.search(r'name="wants_updates"[^>]*checked', content)


def test_recent_signers_are_confirmed_named_ones_and_comments_need_approval(client):
    petition = make_petition()
    make_signature(petition, state="confirmed", name="Public Named", show_name=True)
    make_signature(petition, state="confirmed", name="Counted Only", show_name=False)
    make_signature(petition, name="Still Pending", show_name=True)
    make_signature(petition, state="rejected", name="Rejected One", show_name=True)
    make_signature(
        petition, state="confirmed", name="With Comment", show_name=True, comment="Unread words"
    )
    approved = make_signature(
        petition, state="confirmed", name="Approved", show_name=True, comment="Read and approved"
    )
    Signature.objects.filter(pk=approved.pk).update(comment_state=Signature.CommentState.APPROVED)
    content = client.get(petition.get_absolute_url()).content.decode()
    assert "Public Named" in content
    assert "With Comment" in content
    assert "Read and approved" in content
    for hidden in ("Counted Only", "Still Pending", "Rejected One", "Unread words"):
        assert hidden not in content, hidden


def test_countries_with_fewer_than_five_signers_are_folded(client):
    petition = make_petition()
    add_public_signers(petition, 6, country="KZ")
    add_public_signers(petition, 5, country="GB")
    add_public_signers(petition, 2, country="IS")
    add_public_signers(petition, 1, country="NZ")
    content = client.get(petition.get_absolute_url()).content.decode()
    table = content[content.index("country-table") :]
    table = table[: table.index("</table>")]
    assert "Kazakhstan" in table
    assert "United Kingdom" in table
    assert "Iceland" not in table
    assert "New Zealand" not in table
    assert re.search(r"Other countries</td><td[^>]*>3<", table)


def test_page_costs_the_same_queries_for_few_or_many_signers(client):
    def queries_for(petition):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(petition.get_absolute_url()).status_code == 200
        return [q["sql"] for q in queries]

    few = make_petition(slug="few")
    add_public_signers(few, 1)
    many = make_petition(slug="many")
    for index in range(30):
        make_signature(many, state="confirmed", country=["KZ", "RU", "GB"][index % 3])
    few_queries, many_queries = queries_for(few), queries_for(many)
    assert len(few_queries) == len(many_queries) <= 4
    assert not any("COUNT(" in sql.upper() for sql in many_queries)
    # Cached: a second view of the same page needs no query at all.
    assert len(queries_for(many)) == 0


def test_count_json_is_cacheable_and_exact(client):
    petition = make_petition(goal=50)
    add_public_signers(petition, 3)
    make_signature(petition)
    response = client.get(reverse("campaign:count_json", args=[petition.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert (data["count"], data["goal"], data["open"]) == (3, 50, True)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert "stale-if-error=" in cache_control
    assert "Set-Cookie" not in response
    assert "@" not in response.content.decode()


def test_map_is_a_self_contained_svg_image(client):
    petition = make_petition()
    add_public_signers(petition, 5, country="KZ")
    url = reverse("campaign:map_svg", args=[petition.slug])
    plain = client.get(url)
    assert plain.status_code == 200
    assert plain["Content-Type"] == "image/svg+xml"
    svg = plain.content
    assert svg.lstrip().startswith(b"<?xml")
    assert b"<script" not in svg
    assert b'class="country kz' in svg or b"kz" in svg
    external = set(re.findall(rb"(?:href|src)\s*=\s*[\"']([^\"']+)", svg))
    external |= set(re.findall(rb"url\(\s*['\"]?(?!#)([^)'\"]+)", svg))
    assert not external, external
    namespaces = {b"http://www.w3.org/2000/svg", b"http://www.w3.org/1999/xlink"}
    assert set(re.findall(rb"https?://[^\"' <>]+", svg)) <= namespaces
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == svg
    assert "Accept-Encoding" in compressed["Vary"]
    assert "public" in compressed["Cache-Control"]


def test_page_shows_the_map_only_when_a_country_has_enough_signers(client):
    petition = make_petition()
    add_public_signers(petition, 2)
    map_url = reverse("campaign:map_svg", args=[petition.slug])
    assert map_url not in client.get(petition.get_absolute_url()).content.decode()
    add_public_signers(petition, 3)
    cache.clear()
    assert map_url in client.get(petition.get_absolute_url()).content.decode()


def test_privacy_page_states_the_retention_settings(client, settings):
    settings.CAMPAIGN_PURGE_UNCONFIRMED_DAYS = 9
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 123
    content = client.get(reverse("campaign:privacy")).content.decode()
    assert "within 9 days is deleted" in content
    assert "123 days after a petition closes" in content


def test_petition_list_goes_straight_to_the_only_open_petition(client):
    petition = make_petition()
    response = client.get(reverse("campaign:petition_list"))
    assert response.status_code == 302
    assert response["Location"] == petition.get_absolute_url()


def test_petition_list_lists_several_and_hides_drafts(client):
    make_petition(slug="first", title_en="First petition")
    make_petition(slug="second", title_en="Second petition")
    make_petition(slug="draft", title_en="Draft petition", state=Petition.State.DRAFT)
    content = client.get(reverse("campaign:petition_list")).content.decode()
    assert "First petition" in content
    assert "Second petition" in content
    assert "Draft petition" not in content
    assert client.get(reverse("campaign:petition_detail", args=["draft"])).status_code == 404


def test_what_signers_type_is_escaped_everywhere(client, mailoutbox):
    from campaign.petitions import emails
    from campaign.petitions.tokens import confirm_token, withdraw_token

    petition = make_petition()
    public = make_signature(
        petition, state="confirmed", name=XSS, city=XSS, comment=XSS, show_name=True
    )
    Signature.objects.filter(pk=public.pk).update(comment_state="approved")
    pending = make_signature(petition, name=XSS, city=XSS, comment=XSS, show_name=True)
    pages = [
        client.get(petition.get_absolute_url()),
        client.get(reverse("campaign:confirm", args=[confirm_token(pending)])),
        client.get(reverse("campaign:withdraw", args=[withdraw_token(public)])),
        client.get(reverse("campaign:withdraw", args=[withdraw_token(pending)])),
    ]
    for page in pages:
        content = page.content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    emails.confirmation(pending)
    html = mailoutbox[-1].alternatives[0].content
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_signers_addresses_never_appear_in_public_pages(client):
    petition = make_petition()
    make_signature(petition, email="secret.person@example.org", show_name=True, wants_updates=True)
    signature = Signature.objects.get()
    from campaign.petitions import signing

    signing.confirm(signature)
    urls = [
        petition.get_absolute_url(),
        reverse("campaign:count_json", args=[petition.slug]),
        reverse("campaign:check_inbox", args=[petition.slug]),
        reverse("campaign:petition_list"),
    ]
    for url in urls:
        assert b"secret.person" not in client.get(url, follow=True).content


def test_anonymous_visitors_share_one_rendering_but_each_gets_a_working_csrf_token():
    petition = make_petition()
    url = petition.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = first.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second_html = second.get(url).content.decode()
    assert len(queries) == 0, "the second visitor's page comes from the cache"
    tokens = [CSRF_INPUT.search(html).group(1) for html in (first_html, second_html)]
    assert tokens[0] != tokens[1]
    assert first_html.replace(tokens[0], "") == second_html.replace(tokens[1], "")
    fields = {"name": "Ainur", "email": "ainur@example.org", "country": "KZ", "website": ""}
    response = second.post(url, {**fields, "csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302
    assert Signature.objects.filter(petition=petition).count() == 1


def test_a_rejection_clears_the_stored_page_at_once(client):
    petition = make_petition()
    signature = make_signature(petition, name="Named Signer", state="confirmed", show_name=True)
    url = petition.get_absolute_url()
    count_url = reverse("campaign:count_json", args=[petition.slug])
    assert "Named Signer" in client.get(url).content.decode()
    assert client.get(count_url).json()["count"] == 1
    reject(signature)
    forget_cached_figures([petition.pk])
    assert "Named Signer" not in client.get(url).content.decode()
    assert client.get(count_url).json()["count"] == 0


def test_closing_a_petition_in_the_admin_stops_signing_at_once(client, rf, superuser):
    from types import SimpleNamespace

    from django.contrib import admin

    petition = make_petition()
    url = petition.get_absolute_url()
    fields = {"name": "Ainur", "email": "first@example.org", "country": "KZ", "website": ""}
    assert client.post(url, fields).status_code == 302, "the petition is now in the cache"
    petition.state = Petition.State.CLOSED
    request = rf.post("/")
    request.user = superuser
    form = SimpleNamespace(changed_data=["state"])
    admin.site.get_model_admin(Petition).save_model(request, petition, form, change=True)
    fields["email"] = "second@example.org"
    assert client.post(url, fields).status_code == 409
