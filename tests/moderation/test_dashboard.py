from datetime import datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from campaign.petitions.models import Signature
from memorial.models import Tribute
from tests.moderation.conftest import admin_url, bulk_signatures

pytestmark = pytest.mark.django_db

DASHBOARD = "campaign_dashboard"
CHARTS = ["signatures", "countries", "candles"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def chart_url(chart, **query):
    url = admin_url("campaign_dashboard_chart", chart)
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_anonymous_is_sent_to_log_in(as_user):
    for url in [admin_url(DASHBOARD)] + [chart_url(chart) for chart in CHARTS]:
        assert "/login/" in as_user(None).get(url)["Location"]


def test_an_editor_gets_403(as_user, editor):
    for url in [admin_url(DASHBOARD)] + [chart_url(chart) for chart in CHARTS]:
        assert as_user(editor).get(url).status_code == 403


@pytest.mark.parametrize("role", ["moderator", "lead"])
def test_the_dashboard_renders_with_no_data(as_user, roles, role):
    response = as_user(roles[role]).get(admin_url(DASHBOARD))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "No signatures in the period." in html
    assert "No confirmed signatures yet." in html
    for chart in ["signatures", "candles"]:
        assert f'src="{chart_url(chart)}' in html
        svg = as_user(roles[role]).get(chart_url(chart))
        assert svg.status_code == 200
        assert svg["Content-Type"] == "image/svg+xml"


def test_the_dashboard_renders_with_data(as_user, moderator, petition):
    today = timezone.now()
    bulk_signatures(petition, 6, country="KZ", start=today - timedelta(days=1))
    bulk_signatures(petition, 3, country="FR", start=today - timedelta(days=2))
    bulk_signatures(petition, 1, state="pending", start=today - timedelta(days=1))
    bulk_signatures(petition, 2, state="rejected", start=today - timedelta(days=1))
    bulk_signatures(petition, 1, comment="Hello", comment_state="pending", show_name=True)
    Tribute.objects.create(first_name="Aida", message="We remember")
    Tribute.objects.create(state=Tribute.State.APPROVED)
    response = as_user(moderator).get(admin_url(DASHBOARD), {"days": 7})
    context = response.context
    assert context["signatures"]["totals"] == {"pending": 1, "confirmed": 10, "rejected": 2}
    assert context["signatures"]["confirmation_percent"] == 90.9
    assert context["signatures"]["confirmed_total"] == 10
    assert context["countries"][0] == ("KZ", "Kazakhstan", 7)
    assert context["countries"][1] == ("FR", "France", 3)
    assert sum(context["signatures"]["series"]["confirmed"]) == 10
    assert len(context["signatures"]["dates"]) == 7
    assert context["candles"]["totals"] == {"pending": 1, "approved": 1, "rejected": 0}
    assert context["candles"]["counted_total"] == 2
    assert context["queues"] == {
        "signatures_awaiting_email": 1,
        "comments": 1,
        "candles": 1,
        "corrections": 0,
    }
    html = response.content.decode()
    assert "90.9%" in html
    assert "Kazakhstan (KZ)" in html


def test_one_petition_at_a_time(as_user, moderator, petition):
    from tests.campaign.factories import make_petition

    other = make_petition()
    bulk_signatures(petition, 2)
    bulk_signatures(other, 5)
    response = as_user(moderator).get(admin_url(DASHBOARD), {"petition": other.pk})
    assert response.context["signatures"]["totals"]["confirmed"] == 5
    assert f"petition={other.pk}" in response.context["query"]


@pytest.mark.parametrize("chart", CHARTS)
def test_charts_are_self_contained_svg_images(as_user, moderator, petition, chart):
    bulk_signatures(petition, 4, country="GB")
    Tribute.objects.create(first_name="Aida")
    response = as_user(moderator).get(chart_url(chart, days=30))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content
    assert svg.lstrip().startswith(b"<?xml") or svg.lstrip().startswith(b"<svg")
    assert b"<script" not in svg
    assert b"kozea.github.io" not in svg
    assert b"http://" not in svg.replace(b"http://www.w3.org", b"")
    assert b"https://" not in svg


def test_an_unknown_chart_is_404(as_user, moderator):
    assert as_user(moderator).get(chart_url("nothing")).status_code == 404


def test_the_period_is_one_of_the_offered_ones(as_user, moderator):
    response = as_user(moderator).get(admin_url(DASHBOARD), {"days": "100000"})
    assert response.context["days"] == 30
    assert Signature.objects.count() == 0


def test_days_are_local_days(as_user, moderator, petition):
    """Aqtau is UTC+5: half past midnight there is the previous day in UTC."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    bulk_signatures(petition, 1, start=midnight + timedelta(minutes=30))
    bulk_signatures(petition, 2, start=midnight - timedelta(minutes=30))
    response = as_user(moderator).get(admin_url(DASHBOARD), {"days": 7})
    confirmed = response.context["signatures"]["series"]["confirmed"]
    assert confirmed[-2:] == [2, 1]
