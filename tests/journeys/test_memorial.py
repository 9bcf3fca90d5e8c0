"""What visitors send to the memorial: a candle, and a request to correct an entry; both reach
the moderators, and an approved candle's message is shown."""

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.journeys.staff import find_in_change_list, log_in, run_action
from tests.journeys.visitors import digits

pytestmark = [pytest.mark.browser, pytest.mark.live_server_process]


def candles_on_home_page(visitor):
    """The home page's candle count (with none lit yet, it shows no figure)."""
    visitor.page.goto(f"{visitor.host}/en/")
    text = visitor.page.locator("#candle-count").inner_text()
    return digits(text) if re.search(r"\d", text) else 0


def test_a_candle_is_lit_approved_and_shown(site, staff, visitors):
    reader = visitors(site.host(0))
    lit = candles_on_home_page(reader)
    visitor = visitors(site.host(1))
    page = visitor.page
    message = f"We remember you, {secrets.token_hex(4)}"
    page.goto(f"{visitor.host}/en/candles/")
    page.get_by_label("Your first name (optional)").fill("Aruzhan")
    page.get_by_label("A short message (optional)").fill(message)
    page.get_by_role("button", name="Light a candle").click()
    expect(page.get_by_text("Thank you. Your candle is lit.")).to_be_visible()
    expect(page.get_by_text(message)).to_have_count(0)  # not before a moderator has read it
    assert candles_on_home_page(reader) == lit + 1, "a candle counts at once"

    moderator = visitors(site.host(0)).page
    log_in(moderator, site.host(0), staff["moderator"])
    find_in_change_list(moderator, site.host(0), "memorial/tribute/", message)
    run_action(moderator, message, "Approve: show the message")
    expect(moderator.get_by_text("1 record updated.")).to_be_visible()

    reader.page.goto(f"{reader.host}/en/candles/")
    expect(reader.page.get_by_text(message)).to_be_visible()
    assert candles_on_home_page(reader) == lit + 1


def test_a_correction_request_reaches_the_moderators_queue(site, staff, visitors):
    page = visitors(site.host(0)).page
    page.goto(f"{site.host(0)}/en/people/")
    person = page.locator(".memorial-person-name").first
    person_name = person.inner_text()
    person.click()
    page.get_by_role("link", name="Ask for a correction or removal of this entry").click()
    requester = f"Gulmira {secrets.token_hex(4)}"
    entry = page.get_by_label("Which entry is it about?")
    expect(entry.locator("option:checked")).to_have_text(person_name)
    page.get_by_label("Your name").fill(requester)
    page.get_by_label("How to reach you").fill("+7 700 000 00 00")
    page.get_by_label("Your relation to the person").select_option(label="family member")
    page.get_by_label("What you ask").select_option(label="correct something")
    page.get_by_label("What should change").fill("His age at death was 33, not 34.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you: your request has reached us"
    )

    moderator = visitors(site.host(1)).page
    log_in(moderator, site.host(1), staff["moderator"])
    find_in_change_list(moderator, site.host(1), "memorial/correctionrequest/", requester)
    row = moderator.get_by_role("row").filter(has_text=requester)
    expect(row).to_contain_text(person_name)
    expect(row).to_contain_text("correct something")
    expect(row).to_contain_text("new")
