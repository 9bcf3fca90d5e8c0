import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign.petitions.admin.paging import CappedPaginator
from campaign.petitions.models import Signature
from tests.moderation.conftest import admin_url, bulk_signatures, digest_of

pytestmark = pytest.mark.django_db

CHANGELIST = "campaign_signature_changelist"


def test_anonymous_is_sent_to_the_login_page(as_user):
    response = as_user(None).get(admin_url(CHANGELIST))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_editor_may_not_see_signatures(as_user, editor):
    assert as_user(editor).get(admin_url(CHANGELIST)).status_code == 403


@pytest.mark.parametrize("role", ["moderator", "lead"])
def test_moderators_and_leads_see_the_columns_but_never_an_address(as_user, roles, petition, role):
    bulk_signatures(petition, 3, email="secret.person@example.org", country="GB")
    response = as_user(roles[role]).get(admin_url(CHANGELIST))
    assert response.status_code == 200
    html = response.content.decode()
    for column in ["Name", "Petition", "Country", "State", "Comment state", "Signed at"]:
        assert f">{column}<" in html or f">{column}</a>" in html, column
    assert "Confirmed at" in html and "Signals" in html
    assert "secret.person" not in html
    assert "@example.org" not in html
    assert response["Cache-Control"] == "no-store"


def test_the_change_page_shows_no_address_key_or_digest(as_user, moderator, petition):
    (signature,) = bulk_signatures(petition, 1, email="hidden@example.org", key="SECRETKEY123")
    response = as_user(moderator).get(admin_url("campaign_signature_change", signature.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "hidden@example.org" not in html
    assert "SECRETKEY123" not in html
    assert signature.email_digest not in html
    assert "E-mail address on file" in html


def test_nobody_adds_or_deletes_signatures_here(as_user, superuser, petition):
    (signature,) = bulk_signatures(petition, 1)
    client = as_user(superuser)
    assert client.get(admin_url("campaign_signature_add")).status_code == 403
    assert client.post(admin_url("campaign_signature_delete", signature.pk)).status_code == 403
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_search_by_name(as_user, moderator, petition):
    bulk_signatures(petition, 1, name="Aigul Nurlanovna")
    bulk_signatures(petition, 1, name="Somebody Else")
    html = as_user(moderator).get(admin_url(CHANGELIST), {"q": "aigul"}).content.decode()
    assert "Aigul Nurlanovna" in html
    assert "Somebody Else" not in html


def test_an_address_in_the_search_box_becomes_its_digest_at_once(as_user, moderator, petition):
    bulk_signatures(
        petition, 1, name="Found Person", email_digest=digest_of("Found.Person@gmail.com")
    )
    bulk_signatures(petition, 1, name="Other Person")
    client = as_user(moderator)
    response = client.get(admin_url(CHANGELIST), {"q": "foundperson+petition@googlemail.com"})
    assert response.status_code == 302
    assert "email_digest=" + digest_of("found.person@gmail.com") in response["Location"]
    assert "googlemail" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Found Person" in html
    assert "Other Person" not in html
    assert "gmail" not in html


def test_find_by_address_posts_the_address_and_filters_by_digest(as_user, moderator, petition):
    bulk_signatures(petition, 1, name="Posted Person", email_digest=digest_of("p@example.kz"))
    client = as_user(moderator)
    url = admin_url("campaign_signature_find_by_email")
    assert client.get(url).status_code == 405
    response = client.post(url, {"email": " P@Example.KZ "})
    assert response.status_code == 302
    assert response["Location"].endswith("?email_digest=" + digest_of("p@example.kz"))
    assert "Posted Person" in client.get(response["Location"]).content.decode()


def test_find_by_address_refuses_anonymous_and_editors(as_user, editor):
    url = admin_url("campaign_signature_find_by_email")
    assert "/login/" in as_user(None).post(url, {"email": "a@b.org"})["Location"]
    assert as_user(editor).post(url, {"email": "a@b.org"}).status_code == 403


def test_filters_on_state_country_and_petition(as_user, moderator, petition):
    bulk_signatures(petition, 2, country="FR", name="French signer")
    bulk_signatures(petition, 1, country="KZ", state="pending", name="Waiting signer")
    client = as_user(moderator)
    html = client.get(admin_url(CHANGELIST)).content.decode()
    assert "France (FR)" in html  # the country filter lists countries from the count shards
    html = client.get(admin_url(CHANGELIST), {"country": "FR"}).content.decode()
    assert "French signer" in html and "Waiting signer" not in html
    html = client.get(admin_url(CHANGELIST), {"state__exact": "pending"}).content.decode()
    assert "Waiting signer" in html and "French signer" not in html
    html = client.get(admin_url(CHANGELIST), {"petition__id__exact": petition.pk}).content
    assert b"Waiting signer" in html


def test_date_hierarchy_offers_calendar_periods(as_user, moderator, petition):
    now = timezone.localtime()
    bulk_signatures(petition, 1, start=now - timedelta(days=400), name="Old signer")
    bulk_signatures(petition, 1, name="New signer")
    client = as_user(moderator)
    html = client.get(admin_url(CHANGELIST)).content.decode()
    first_year = timezone.localtime(now - timedelta(days=400)).year
    assert f"created_at__year={first_year}" in html
    assert f"created_at__year={now.year}" in html
    html = client.get(admin_url(CHANGELIST), {"created_at__year": first_year}).content.decode()
    assert "Old signer" in html and "New signer" not in html
    assert f"created_at__month=12&amp;created_at__year={first_year}" in html


def changelist_queries(client, url=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url or admin_url(CHANGELIST))
    assert response.status_code == 200
    return queries


def test_query_count_is_the_same_at_10_and_1000_rows(
    as_user, moderator, petition, django_assert_num_queries
):
    client = as_user(moderator)
    bulk_signatures(petition, 10)
    expected = len(changelist_queries(client))
    with django_assert_num_queries(expected):
        client.get(admin_url(CHANGELIST))
    bulk_signatures(petition, 990)
    assert Signature.objects.count() == 1000
    with django_assert_num_queries(expected):
        client.get(admin_url(CHANGELIST))
    # Filtered and searched pages stay fixed too.
    url = admin_url(CHANGELIST) + "?state__exact=confirmed&q=signer"
    filtered = len(changelist_queries(client, url))
    bulk_signatures(petition, 200)
    with django_assert_num_queries(filtered):
        client.get(url)


def test_no_page_counts_the_whole_table(as_user, moderator, petition):
    bulk_signatures(petition, 30)
    queries = changelist_queries(as_user(moderator))
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert counts, "the paginator counts, up to its cap"
    for sql in counts:
        assert re.search(r"LIMIT 10001\) subquery$", sql), sql


def test_the_paginator_stops_counting_at_its_cap(petition, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 50)
    bulk_signatures(petition, 60)
    paginator = CappedPaginator(Signature.objects.all(), 20)
    assert paginator.count == 50
    assert paginator.capped
    assert paginator.num_pages == 3
    small = CappedPaginator(Signature.objects.filter(name="nobody"), 20)
    assert small.count == 0 and not small.capped


def test_a_capped_list_says_more_than(as_user, moderator, petition, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 50)
    bulk_signatures(petition, 60)
    html = as_user(moderator).get(admin_url(CHANGELIST)).content.decode()
    assert "more than 50 signatures" in html
