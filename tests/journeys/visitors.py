"""A visitor of the site: one browser context of their own, in one language, on one host.

Forms are filled as a person fills them: found by the labels and button names they read, in
their language (taken from the site's own catalogs), never by a hidden field.
"""

import re
import secrets

from django.utils import translation
from playwright.sync_api import expect

from campaign.petitions.countries import country_name


class Visitor:
    def __init__(self, page, site, host, language="en"):
        self.page = page
        self.site = site
        self.host = host
        self.language = language

    def t(self, text):
        """`text` as this visitor reads it."""
        with translation.override(self.language):
            return translation.gettext(text)

    def heading(self):
        return self.page.get_by_role("heading", level=1).inner_text()

    def open_petition(self, host=None):
        url = f"{host or self.host}/{self.language}/petitions/{self.site.slug}/"
        response = self.page.goto(url)
        assert response.ok, (response.status, url)

    def sign(self, *, name, email, country="KZ", city="", show_name=False):
        """Fill in the petition's form on the page already open and press the button; the
        response the visitor ends on (the check-your-inbox page when all goes well)."""
        page, t = self.page, self.t
        page.get_by_label(t("Your name")).fill(name)
        page.get_by_label(t("Your e-mail address")).fill(email)
        with translation.override(self.language):
            page.get_by_label(t("Country where you live")).select_option(
                label=str(country_name(country))
            )
        if city:
            page.get_by_label(t("Town or city (optional)")).fill(city)
        if show_name:
            page.get_by_label(t("Show my name publicly on this page")).check()
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=t("Sign the petition")).click()
        return navigation.value

    def sign_successfully(self, **details):
        response = self.sign(**details)
        assert response.ok, f"{response.status} {self.heading()!r} after signing at {self.host}"
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            self.t("One more step: check your inbox")
        )
        return self.page.locator("main").inner_text()

    def confirm(self, mail):
        """Open the link in the confirmation e-mail and press the button on its page."""
        self.page.goto(mail.link("/confirm/"))
        self.page.get_by_role("button", name=self.t("Confirm my signature")).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            self.t("Thank you: your signature is confirmed")
        )

    def withdraw(self, mail):
        """Open the withdrawal link in an e-mail and press the button on its page."""
        self.page.goto(mail.link("/withdraw/"))
        self.page.get_by_role("button", name=self.t("Delete my signature")).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            self.t("Your signature has been withdrawn")
        )

    def count_shown(self, host=None):
        """The count on the petition page, as this visitor sees it on a fresh load."""
        self.open_petition(host)
        figure = self.page.locator(".petition-count .lead-figure")
        # Before the first confirmed signature the page may invite to sign instead of saying 0.
        return digits(figure.inner_text()) if figure.count() else 0


def digits(text):
    """A figure written with any language's group separators (1,234 / 1 234) as an int."""
    return int(re.sub(r"\D", "", text))


def address(name, domain="example.org"):
    """An address no other journey uses, so each reads only its own mail."""
    return f"{name}.{secrets.token_hex(3)}@{domain}"


def sign_and_confirm(visitor, mail, **details):
    """The whole of signing: the petition page, the form, the e-mail, the confirm button."""
    visitor.open_petition()
    visitor.sign_successfully(**details)
    visitor.confirm(mail.wait_for(details["email"])[-1])
