"""Paper signature batches: recorded by campaign leads, shown beside the online count and
never added to it, corrected only with a logged reason."""

from datetime import date

import pytest
from django.urls import reverse

from campaign.delivery.models import PaperBatch, PaperBatchCorrection
from tests.campaign.factories import make_petition
from tests.forms.browsing import log_in, submitted
from tests.moderation.conftest import bulk_signatures

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ADD = "admin:delivery_paperbatch_add"


@pytest.fixture
def petition():
    return make_petition("justice")


def paper_line(page):
    node = page.html.select_one(".petition-paper p")
    return node.get_text(" ", strip=True) if node else None


def record_batch(visitor, petition, **values):
    form = visitor.get(reverse(ADD)).forms["paperbatch_form"]
    form["petition"].select(str(petition.pk))
    form["count"] = values.get("count", "120")
    form["place"] = values.get("place", "Zhanaozen, the town square")
    form["collected_from"] = values.get("collected_from", "2026-03-01")
    form["collected_until"] = values.get("collected_until", "2026-03-03")
    form["scans"] = values.get("scans", "Scans/2026-03 Zhanaozen")
    return submitted(form, "_save")


@pytest.mark.parametrize("url", [reverse(ADD), reverse("admin:delivery_paperbatch_changelist")])
def test_only_campaign_leads_reach_paper_batches(as_user, roles, url):
    assert as_user(None).get(url).status_code == 302
    assert as_user(roles["moderator"]).get(url).status_code == 403
    assert as_user(roles["editor"]).get(url).status_code == 403
    assert as_user(roles["lead"]).get(url).status_code == 200


def test_a_batch_is_shown_beside_the_online_count_never_added(
    visitor, new_visitor, campaign_lead, petition
):
    bulk_signatures(petition, 7)
    reader = new_visitor()
    before = reader.get(petition.get_absolute_url())
    assert paper_line(before) is None
    assert before.html.select_one(".lead-figure").get_text(strip=True) == "7"

    log_in(visitor, campaign_lead.username, PASSWORD)
    record_batch(visitor, petition, count="1200")
    batch = PaperBatch.objects.get()
    assert (batch.count, batch.recorded_by, batch.collected_until) == (
        1200,
        campaign_lead,
        date(2026, 3, 3),
    )

    # The stored page is out at once (the petition's version was bumped), not after expiry.
    after = reader.get(petition.get_absolute_url())
    assert paper_line(after) == "7 online, confirmed by e-mail; 1,200 on paper"
    assert after.html.select_one(".lead-figure").get_text(strip=True) == "7"
    assert "Zhanaozen, the town square" in after.html.select_one(".petition-paper").text
    # Where the scans are kept is for the campaign, not the public page.
    assert "Scans/2026-03" not in after.text


def test_the_page_speaks_the_visitors_language(visitor, new_visitor, campaign_lead, petition):
    bulk_signatures(petition, 2)
    log_in(visitor, campaign_lead.username, PASSWORD)
    record_batch(visitor, petition, count="40")
    page = new_visitor().get(f"/ru/petitions/{petition.slug}/")
    assert paper_line(page) == "2 онлайн, подтверждены по электронной почте; 40 на бумаге"
    page = new_visitor().get(f"/kk/petitions/{petition.slug}/")
    assert paper_line(page) == "2 онлайн, электрондық поштамен расталған; 40 қағазда"


def change_form(visitor, batch):
    page = visitor.get(reverse("admin:delivery_paperbatch_change", args=[batch.pk]))
    return page.forms["paperbatch_form"]


def test_a_correction_needs_a_reason_and_is_logged(visitor, new_visitor, campaign_lead, petition):
    log_in(visitor, campaign_lead.username, PASSWORD)
    record_batch(visitor, petition, count="120")
    batch = PaperBatch.objects.get()
    reader = new_visitor()
    assert "120 on paper" in paper_line(reader.get(petition.get_absolute_url()))

    form = change_form(visitor, batch)
    form["count"] = "150"
    refused = form.submit("_save", status=200)
    assert "every correction is logged" in refused.text
    batch.refresh_from_db()
    assert batch.count == 120
    assert not PaperBatchCorrection.objects.exists()

    form = change_form(visitor, batch)
    form["count"] = "150"
    form["place"] = "Zhanaozen, market"
    form["reason"] = "Two sheets were counted twice; recounted from the scans."
    submitted(form, "_save")
    batch.refresh_from_db()
    assert batch.count == 150
    correction = PaperBatchCorrection.objects.get()
    assert correction.user == campaign_lead and correction.username == "lead"
    assert correction.changes == {
        "count": ["120", "150"],
        "place": ["Zhanaozen, the town square", "Zhanaozen, market"],
    }
    assert correction.reason.startswith("Two sheets")
    assert "150 on paper" in paper_line(reader.get(petition.get_absolute_url()))

    # The log is shown under the batch, read-only.
    page = visitor.get(reverse("admin:delivery_paperbatch_change", args=[batch.pk]))
    assert "count: 120 → 150" in page.text
    assert "Two sheets were counted twice" in page.text


def test_saving_without_a_change_logs_nothing(visitor, campaign_lead, petition):
    log_in(visitor, campaign_lead.username, PASSWORD)
    record_batch(visitor, petition)
    submitted(change_form(visitor, PaperBatch.objects.get()), "_save")
    assert not PaperBatchCorrection.objects.exists()


def test_a_batch_is_never_deleted_but_can_be_corrected_to_zero(
    as_user, visitor, new_visitor, campaign_lead, superuser, petition
):
    batch = PaperBatch.objects.create(
        petition=petition, count=5, place="Aktau", collected_from=date(2026, 3, 1), scans="x"
    )
    delete = reverse("admin:delivery_paperbatch_delete", args=[batch.pk])
    assert as_user(campaign_lead).get(delete).status_code == 403
    assert as_user(superuser).get(delete).status_code == 403

    log_in(visitor, campaign_lead.username, PASSWORD)
    form = change_form(visitor, batch)
    form["count"] = "0"
    form["reason"] = "Recorded against the wrong petition."
    submitted(form, "_save")
    assert PaperBatch.objects.filter(pk=batch.pk, count=0).exists()
    assert paper_line(new_visitor().get(petition.get_absolute_url())) is None


def test_a_batch_cannot_end_before_it_starts(visitor, campaign_lead, petition):
    log_in(visitor, campaign_lead.username, PASSWORD)
    form = visitor.get(reverse(ADD)).forms["paperbatch_form"]
    form["petition"].select(str(petition.pk))
    form["count"] = "3"
    form["place"] = "Aktau"
    form["collected_from"] = "2026-03-05"
    form["collected_until"] = "2026-03-01"
    form["scans"] = "s"
    form.submit("_save", status=200)
    assert not PaperBatch.objects.exists()
