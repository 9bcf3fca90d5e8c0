"""Staff in the journeys: accounts made as the README says, logging in as a person does, and
the admin's change lists and actions driven through their own pages.

Signing in lives here alone (`log_in`): the password, the second factor and its enrolment.
When the login gains or changes a step, only this module changes.
"""

import base64
import re
import secrets
from dataclasses import dataclass, field

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.journeys.sites import ADMIN_PATH


@dataclass
class Account:
    """A staff member: what the administrator handed them, then what their phone holds."""

    username: str
    password: str
    enrolment_link: str
    key: bytes | None = None  # the authenticator app's secret, once enrolled
    backup_codes: list = field(default_factory=list)
    last_step: int | None = None

    def code(self):
        """What the person types: the app's code, or a backup code when the app's code of
        this 30-second step was used already (the site takes each code once)."""
        app = TOTP(self.key)
        if app.t() == self.last_step:
            return self.backup_codes.pop()
        self.last_step = app.t()
        return f"{app.token():06d}"


def create_accounts(site):
    """A moderator and a campaign lead, by `manage.py create_staff --noinput`, which prints
    each account's enrolment link."""
    passwords = {"moderator": secrets.token_urlsafe(16), "campaign-lead": secrets.token_urlsafe(16)}
    output = site.manage(
        "create_staff",
        "--noinput",
        "--role=moderator",
        "--role=lead",
        env={
            "DJANGO_MODERATOR_PASSWORD": passwords["moderator"],
            "DJANGO_CAMPAIGN_LEAD_PASSWORD": passwords["campaign-lead"],
        },
    ).stdout
    links = dict(re.findall(r"^Enrolment link for (\S+) .*\n\s+(\S+)$", output, re.M))
    accounts = {
        username: Account(username, password, links[username])
        for username, password in passwords.items()
    }
    return {"moderator": accounts["moderator"], "lead": accounts["campaign-lead"]}


def admin_url(host, path=""):
    return f"{host}/{ADMIN_PATH}{path}"


def enrol(browser, account):
    """What a new staff member does once, on a device of their own: open the link, give the
    password, add the key to an authenticator app, confirm with its code, keep the backup
    codes."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(account.enrolment_link)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Continue").click()
    key = page.locator(".staff-key").inner_text()
    account.key = base64.b32decode("".join(key.split()))
    page.get_by_label("Code from the app").fill(account.code())
    page.get_by_role("button", name="Confirm").click()
    account.backup_codes = page.locator(".staff-backup-codes code").all_inner_texts()
    assert account.backup_codes, page.content()
    context.close()


def log_in(page, host, account):
    """Through the admin's login page: user name, password, and the code the app shows."""
    if account.key is None:
        enrol(page.context.browser, account)
    page.goto(admin_url(host))
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.get_by_label("Code").fill(account.code())
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def find_in_change_list(page, host, model_path, search):
    """Open a change list (`campaign/signature/`) and search it as a moderator would."""
    page.goto(admin_url(host, model_path))
    page.get_by_role("search").get_by_role("textbox").fill(search)
    page.get_by_role("button", name="Search").click()


def run_action(page, row_text, action):
    """Tick the row holding `row_text`, run `action` and say yes on its confirmation page."""
    page.get_by_role("row").filter(has_text=row_text).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("will change 1 of them")).to_be_visible()
    page.get_by_role("button", name="Yes, I\u2019m sure").click()  # a typographic apostrophe
