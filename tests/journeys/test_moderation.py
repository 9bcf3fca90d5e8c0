"""Moderating signatures in the admin, and exporting them: by role, through the real pages."""

import csv
import json

import pytest
from playwright.sync_api import expect

from tests.journeys.counts import assert_count_everywhere, fetch
from tests.journeys.staff import admin_url, find_in_change_list, log_in, run_action
from tests.journeys.visitors import address, sign_and_confirm

pytestmark = [pytest.mark.browser, pytest.mark.live_server_process]


def exportable_rows(site):
    """What the export must hold: each confirmed signature, with name and town only if the
    signer chose to be named."""
    code = f"""
import json
from django.utils import timezone
from campaign.petitions.models import Signature
rows = Signature.objects.filter(petition__slug={site.slug!r}, state="confirmed").order_by("pk")
print(json.dumps([
    [s.name if s.show_name else "name withheld", s.city if s.show_name else "", s.country,
     timezone.localdate(s.confirmed_at).isoformat()]
    for s in rows
]))
"""
    return json.loads(site.python(code))


def test_moderator_rejects_spam_and_only_a_campaign_lead_exports(site, mail, staff, visitors):
    before = site.confirmed_count()
    named = {"name": "Saule Named", "email": address("saule"), "city": "Aktau", "show_name": True}
    # No other journey signs from Norway: the row from there is this signer's.
    unnamed = {
        "name": "Bolat Unnamed",
        "email": address("bolat"),
        "city": "Tromsø",
        "country": "NO",
    }
    spam = {"name": "Cheap Pills Spam", "email": address("pills"), "show_name": True}
    for n, details in enumerate([named, unnamed, spam]):
        sign_and_confirm(visitors(site.host(n)), mail, **details)
    reader = visitors(site.host(0))
    assert_count_everywhere(site, reader, before + 3)

    moderator = visitors(site.host(1)).page
    log_in(moderator, site.host(1), staff["moderator"])
    find_in_change_list(moderator, site.host(1), "campaign/signature/", spam["name"])
    run_action(moderator, spam["name"], "Reject as spam (no longer counted)")
    expect(moderator.get_by_text("1 signature rejected.")).to_be_visible()
    assert_count_everywhere(site, reader, before + 2)

    lead = visitors(site.host(0)).page
    log_in(lead, site.host(0), staff["lead"])
    lead.goto(admin_url(site.host(0), "campaign/petition/"))
    title = json.loads(fetch(f"{site.host(0)}/en/petitions/{site.slug}/count.json"))["title"]
    lead.get_by_role("link", name=title).click()
    lead.get_by_role("link", name="Export signatures").click()
    export_url = lead.url
    with lead.expect_download() as download:
        lead.get_by_role("button", name="Download the CSV").click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as file:
        header, *rows = list(csv.reader(file))

    assert header == ["name", "city", "country", "date"]
    assert rows == exportable_rows(site)
    assert len(rows) == before + 2
    shown = [row[:3] for row in rows]
    assert [named["name"], "Aktau", "KZ"] in shown
    assert ["name withheld", "", "NO"] in shown, "a town only beside a public name"
    assert unnamed["name"] not in {row[0] for row in rows}
    assert spam["name"] not in {row[0] for row in rows}

    response = moderator.goto(export_url)
    assert response.status == 403
