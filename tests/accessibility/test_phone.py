"""On a 375-pixel phone the call to act is where people see it: the home page asks them to sign
within its first two screens, and the petition page's "Sign now" jumps to the form."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def petition_path(shipped):
    from campaign.petitions.models import Petition

    return Petition.objects.get().get_absolute_url().split("/", 2)[2]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_home_asks_to_sign_within_two_screens(shipped, live_server, browser, language):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/")
    call = page.locator("main .memorial-call a.btn")
    top = call.evaluate("link => link.getBoundingClientRect().top + window.scrollY")
    href = call.get_attribute("href")
    context.close()
    assert top <= 2 * PHONE["height"]
    assert href == f"/{language}/petitions/"


@pytest.mark.parametrize("language", ["en", "kk"])
def test_sign_now_near_the_top_jumps_to_the_form(petition_path, live_server, browser, language):
    # Playwright polls wait_for_function through eval, which our CSP refuses.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/{petition_path}")
    sign_now = page.locator("main a[href='#sign']")
    assert sign_now.is_visible()
    assert sign_now.bounding_box()["y"] + sign_now.bounding_box()["height"] <= PHONE["height"]
    form_top = page.locator("#sign").bounding_box()["y"]
    assert form_top > PHONE["height"], "on a phone the form is further down"

    sign_now.click()
    page.wait_for_function("location.hash === '#sign'")
    page.wait_for_function(
        "Math.abs(document.getElementById('sign').getBoundingClientRect().top) < 2"
    )
    assert page.locator("#sign input[name='name']").is_visible()
    context.close()
