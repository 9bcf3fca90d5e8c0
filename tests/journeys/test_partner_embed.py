"""A partner puts the memorial on their own site: the code copied from our partner page,
pasted into a page on another origin, read there on a phone."""

import pytest
from playwright.sync_api import expect

from tests.embed.host_site import host_site, page

pytestmark = [pytest.mark.browser, pytest.mark.live_server_process]

PHONE = {"width": 375, "height": 740}
HEADING = "In memory of the oil workers and residents of Zhanaozen and Shetpe"


@pytest.fixture
def partner_site():
    with host_site() as site:
        yield site


def copied_embed_code(partner):
    """The memorial's code, copied with the partner page's own button."""
    partner.page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=partner.host
    )
    partner.page.goto(f"{partner.host}/en/embed/")
    partner.page.get_by_role("button", name="Copy the code").first.click()
    expect(partner.page.get_by_role("status")).to_have_text("Copied.")
    code = partner.page.evaluate("navigator.clipboard.readText()")
    assert code == partner.page.get_by_label("Code for the memorial").input_value()
    return code


def overflow(reader):
    """How far the partner's page, and the memorial inside its frame, scroll sideways (px)."""
    host = reader.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    framed = reader.page.frames[1].evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return {"partner's page": host, "memorial in the frame": framed}


def test_a_partner_embeds_the_memorial_on_another_origin(site, visitors, partner_site):
    code = copied_embed_code(visitors(site.host(1)))
    assert f'src="{site.public_url}/embed/memorial/' in code
    article = partner_site.serve("/article/", page(code))

    reader = visitors(site.host(0), viewport=PHONE)
    reader.page.goto(article)
    frame = reader.page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(HEADING)

    # embed.js, pasted with the frame, makes it exactly as tall as the memorial inside.
    content_height = frame.locator("body").evaluate(
        "body => Math.ceil(body.getBoundingClientRect().height)"
    )
    reader.page.wait_for_function(
        "height => document.querySelector('iframe').height === String(height)",
        arg=content_height,
    )

    person = frame.locator(".names a").first
    name = person.inner_text()
    with reader.page.context.expect_page() as new_tab:
        person.click()
    opened = new_tab.value
    opened.wait_for_load_state()
    assert opened.url.startswith(f"{site.public_url}/en/people/")
    expect(opened.get_by_role("heading", level=1)).to_have_text(name)
    assert reader.page.url == article, "the partner's page stays open"

    # Without scripts the frame is as pasted; with them, embed.js has resized it.
    before_resizing = visitors(site.host(0), viewport=PHONE, java_script_enabled=False)
    before_resizing.page.goto(article)
    expect(before_resizing.page.frame_locator("iframe").locator("h1")).to_have_text(HEADING)
    assert overflow(before_resizing) == {"partner's page": 0, "memorial in the frame": 0}
    assert overflow(reader) == {"partner's page": 0, "memorial in the frame": 0}
