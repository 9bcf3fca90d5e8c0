from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from campaign.petitions.models import Signature
from campaign.petitions.timebuckets import hour_of
from memorial.models import Tribute
from tests.moderation.conftest import admin_url, bulk_signatures
from tests.staff.otp import verified_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    client = Client()
    verified_login(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def assert_clean(page, live_server):
    page.wait_for_load_state("networkidle")
    assert page.problems == []
    own = urlsplit(live_server.url).netloc
    assert [u for u in page.requested if urlsplit(u).netloc not in (own, "")] == []


def test_moderation_pages_work_under_the_site_csp(live_server, page_watch, campaign_lead, petition):
    # With Playwright's event loop running, the body gets its own database connection; close
    # it, or PostgreSQL cannot drop the test database afterwards.
    try:
        check_moderation_pages(live_server, page_watch, campaign_lead, petition)
    finally:
        connections.close_all()


def check_moderation_pages(live_server, page_watch, campaign_lead, petition):
    hour = hour_of(timezone.now() - timedelta(days=1))
    bulk_signatures(petition, 12, start=hour + timedelta(minutes=5), ip_digest="b" * 64)
    bulk_signatures(petition, 3, comment="Justice", comment_state="pending", country="FR")
    Tribute.objects.create(first_name="Aida", message="We remember")
    page = page_watch
    log_in(page, live_server, campaign_lead)

    pages = [
        admin_url("index"),
        admin_url("campaign_signature_changelist"),
        admin_url("campaign_signaturecomment_changelist"),
        admin_url("campaign_signature_invalidate") + "?ip_digest=" + "b" * 64,
        admin_url("campaign_petition_add"),
        admin_url("campaign_petition_change", petition.pk),
        admin_url("campaign_petition_export", petition.pk),
    ]
    for url in pages:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_clean(page, live_server)

    page.goto(live_server.url + admin_url("campaign_dashboard"))
    assert_clean(page, live_server)
    charts = page.locator("img.dashboard-chart")
    assert charts.count() == 3
    for i in range(3):
        assert charts.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")

    # Reject one signature through the action and its confirmation page.
    page.goto(live_server.url + admin_url("campaign_signature_changelist"))
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "reject_as_spam")
    with page.expect_navigation():
        page.locator("button[name=index]").first.click()
    assert "1 row is selected" in page.content()
    assert Signature.objects.filter(state="rejected").count() == 0
    with page.expect_navigation():
        page.locator("#content input[type=submit][value^=Yes]").click()
    assert_clean(page, live_server)
    assert Signature.objects.filter(state="rejected").count() == 1
