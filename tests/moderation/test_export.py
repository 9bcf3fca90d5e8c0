import csv
import gc
import io
import tracemalloc
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from campaign.petitions import export
from campaign.petitions.export import neutralise
from campaign.petitions.models import ExportLog
from tests.moderation.conftest import admin_url, bulk_signatures

pytestmark = pytest.mark.django_db


def export_url(petition):
    return admin_url("campaign_petition_export", petition.pk)


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_log_in(as_user, petition, method):
    response = getattr(as_user(None), method)(export_url(petition))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ExportLog.objects.exists()


@pytest.mark.parametrize("role", ["moderator", "editor"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_roles_get_403(as_user, roles, petition, role, method):
    bulk_signatures(petition, 3)
    response = getattr(as_user(roles[role]), method)(export_url(petition))
    assert response.status_code == 403
    assert not ExportLog.objects.exists()


def test_a_lead_sees_what_will_be_exported_before_downloading(as_user, campaign_lead, petition):
    bulk_signatures(petition, 3)
    bulk_signatures(petition, 2, state="pending")
    response = as_user(campaign_lead).get(export_url(petition))
    assert response.status_code == 200
    assert "3 confirmed signatures" in response.content.decode()
    assert not ExportLog.objects.exists()


def test_the_csv_holds_confirmed_signatures_only_and_honours_withheld_names(
    as_user, campaign_lead, petition
):
    confirmed_at = timezone.now() - timedelta(days=3)
    named = {"name": "Named Signer", "show_name": True, "city": "Almaty"}
    private = {"name": "Private Signer", "show_name": False, "city": "Paris", "country": "FR"}
    bulk_signatures(petition, 1, start=confirmed_at, **named)
    bulk_signatures(petition, 1, start=confirmed_at, **private)
    bulk_signatures(petition, 1, name="Pending Signer", state="pending")
    bulk_signatures(petition, 1, name="Rejected Signer", state="rejected")
    response = as_user(campaign_lead).post(export_url(petition))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{petition.slug}-')
    assert response["Cache-Control"] == "no-store"
    rows = read_csv(response)
    assert rows[0] == ["name", "city", "country", "date"]
    names = [row[0] for row in rows[1:]]
    assert names == ["Named Signer", "name withheld"]
    assert rows[1][1:3] == ["Almaty", "KZ"]
    # The town of a signer who chose not to be named is withheld with the name.
    assert rows[2][1:3] == ["", "FR"]
    assert all(row[3] == timezone.localdate(confirmed_at).isoformat() for row in rows[1:])
    text = "\n".join(",".join(row) for row in rows)
    assert "Private Signer" not in text and "Pending" not in text and "@" not in text
    assert "Paris" not in text


def test_formula_cells_are_neutralised(as_user, campaign_lead, petition):
    bulk_signatures(petition, 1, name='=HYPERLINK("http://x")', show_name=True, city="+7 Aktau")
    bulk_signatures(petition, 1, name="@SUM(A1)", show_name=True, city="-1")
    bulk_signatures(petition, 1, name="\tTabbed", show_name=True, city="\rCR")
    rows = read_csv(as_user(campaign_lead).post(export_url(petition)))[1:]
    assert [row[0] for row in rows] == ['\'=HYPERLINK("http://x")', "'@SUM(A1)", "'\tTabbed"]
    assert [row[1] for row in rows] == ["'+7 Aktau", "'-1", "'\rCR"]
    assert neutralise("Aigul") == "Aigul"
    assert neutralise("Ann-Marie") == "Ann-Marie"


def test_every_export_is_logged_with_who_when_which_and_how_many(as_user, campaign_lead, petition):
    bulk_signatures(petition, 4)
    response = as_user(campaign_lead).post(export_url(petition))
    log = ExportLog.objects.get()
    assert (log.user, log.username, log.petition, log.petition_title) == (
        campaign_lead,
        "lead",
        petition,
        petition.title,
    )
    assert log.rows == 0 and log.finished_at is None
    read_csv(response)
    log.refresh_from_db()
    assert log.rows == 4
    assert log.finished_at is not None
    assert abs((log.started_at - timezone.now()).total_seconds()) < 60
    entry = LogEntry.objects.get(user=campaign_lead)
    assert "Exported the confirmed signatures" in entry.change_message


def test_an_interrupted_download_is_logged_as_such(campaign_lead, petition):
    bulk_signatures(petition, 5000)
    log = export.start(petition, campaign_lead)
    stream = export.stream_csv(petition, log)
    next(stream)
    stream.close()  # what the server does when the client goes away
    log.refresh_from_db()
    assert log.rows == 2000
    assert log.finished_at is None


def test_the_export_action_is_offered_to_leads_only(as_user, moderator, campaign_lead, petition):
    data = {"action": "export_signatures", "_selected_action": [petition.pk], "index": 0}
    url = admin_url("campaign_petition_changelist")
    response = as_user(campaign_lead).post(url, data)
    assert response["Location"] == export_url(petition)
    response = as_user(moderator).post(url, data)
    assert response.get("Location") != export_url(petition)
    page = as_user(moderator).get(url).content.decode()
    assert "export_signatures" not in page


def measure_export(client, petition):
    """(peak bytes allocated while the CSV streams, number of pieces, rows)."""
    response = client.post(export_url(petition))
    gc.collect()
    tracemalloc.start()
    pieces = rows = 0
    for piece in response.streaming_content:
        pieces += 1
        rows += piece.count(b"\n")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, pieces, rows - 1


def test_the_export_streams_100000_rows_in_constant_memory(as_user, campaign_lead, petition):
    client = as_user(campaign_lead)
    bulk_signatures(petition, 10_000, show_name=True)
    small_peak, _pieces, rows = measure_export(client, petition)
    assert rows == 10_000
    bulk_signatures(petition, 90_000, show_name=True)
    peak, pieces, rows = measure_export(client, petition)
    assert rows == 100_000
    assert pieces > 50
    # Ten times the rows, about the same memory: a list of every row would hold the whole
    # CSV (several megabytes here) at once.
    print(f"export peak: {small_peak} bytes at 10,000 rows, {peak} bytes at 100,000 rows")
    assert peak < 1.5 * small_peak + 256 * 1024
    assert peak < 3 * 1024 * 1024
    assert ExportLog.objects.latest("pk").rows == 100_000
