"""Staff in the journeys: accounts made as the README says, logging in as a person does, and
the admin's change lists and actions driven through their own pages.

Logging in lives in `log_in` alone: when the login gains steps (django-axes already limits
failures; a second factor may come), only this function changes.
"""

import secrets
from dataclasses import dataclass

from playwright.sync_api import expect

from tests.journeys.sites import ADMIN_PATH


@dataclass(frozen=True)
class Account:
    username: str
    password: str


def create_accounts(site):
    """A moderator and a campaign lead, by `manage.py create_staff --noinput`."""
    moderator = Account("moderator", secrets.token_urlsafe(16))
    lead = Account("campaign-lead", secrets.token_urlsafe(16))
    site.manage(
        "create_staff",
        "--noinput",
        "--role=moderator",
        "--role=lead",
        env={
            "DJANGO_MODERATOR_PASSWORD": moderator.password,
            "DJANGO_CAMPAIGN_LEAD_PASSWORD": lead.password,
        },
    )
    return {"moderator": moderator, "lead": lead}


def admin_url(host, path=""):
    return f"{host}/{ADMIN_PATH}{path}"


def log_in(page, host, account):
    """Through the admin's login page, as a moderator signs in at the start of a shift."""
    page.goto(admin_url(host))
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
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
