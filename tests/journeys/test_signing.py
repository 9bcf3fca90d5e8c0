"""Signing the petition: sign, open the e-mail, confirm; withdraw; sign twice."""

import pytest

from tests.journeys.counts import assert_count_everywhere
from tests.journeys.visitors import address

pytestmark = [pytest.mark.browser, pytest.mark.live_server_process]


def test_two_visitors_sign_in_english_and_kazakh_and_both_are_counted(site, mail, visitors):
    """Both load the page before either sends the form, each in a browser of their own: the
    page shared from the cache must carry no visitor's secret into another's form (the
    "form has expired" 403 of issue 11)."""
    # Others read the petition in both languages first, as on any live site: whatever the
    # cache holds, it was not rendered for these two.
    for language in ("en", "kk"):
        visitors(site.host(0), language).open_petition()
    before = site.confirmed_count()
    english = visitors(site.host(0))
    kazakh = visitors(site.host(1), "kk")
    english.open_petition()
    kazakh.open_petition()

    signers = [
        (english, "Emily Carter", address("emily.carter"), "GB"),
        (kazakh, "Әлия Құрманғали", address("aliya.qurmangali"), "KZ"),
    ]
    for visitor, name, email, country in signers:
        visitor.sign_successfully(name=name, email=email, country=country)
    for visitor, name, email, _country in signers:
        (confirmation,) = mail.wait_for(email)
        assert confirmation.subject == visitor.t("Please confirm your e-mail address")
        assert name in confirmation.text
        visitor.confirm(confirmation)

    assert_count_everywhere(site, english, before + 2)


def test_a_visitor_without_javascript_signs_and_confirms(site, mail, visitors):
    before = site.confirmed_count()
    visitor = visitors(site.host(1), java_script_enabled=False)
    email = address("no.script")
    visitor.open_petition()
    visitor.sign_successfully(name="Nurlan Sadykov", email=email)
    visitor.confirm(mail.wait_for(email)[0])
    assert_count_everywhere(site, visitor, before + 1)


def test_a_signer_withdraws_from_the_link_in_the_mail_and_is_no_longer_counted(
    site, mail, visitors
):
    before = site.confirmed_count()
    visitor = visitors(site.host(1))
    email = address("changed.mind")
    visitor.open_petition()
    visitor.sign_successfully(name="Marat Changed", email=email)
    (confirmation,) = mail.wait_for(email)
    visitor.confirm(confirmation)
    assert_count_everywhere(site, visitor, before + 1)

    visitor.withdraw(confirmation)
    assert_count_everywhere(site, visitor, before)


def test_the_same_gmail_address_spelled_otherwise_is_one_signature(site, mail, visitors):
    """Gmail ignores case, dots and +tags: all these spellings are one mailbox, so one
    signature. A second try looks exactly like a first (the site must not tell anyone
    whether an address has signed), and counts nothing. The spellings share their first
    letter, as the page may echo the address masked to it."""
    before = site.confirmed_count()
    held = site.signatures_held()
    mailbox = address("aigerim.nurlanqyzy", domain="gmail.com")
    local = mailbox.split("@")[0]
    spellings = [
        mailbox,
        # Another device, before the first mail is confirmed.
        f"a{local[1:].replace('.', '').upper()}+petition@GMAIL.com",
        # Once more, after confirming.
        f"a{local[1:].title()}+again@Gmail.com",
    ]
    first = visitors(site.host(0))
    first.open_petition()
    first_answer = first.sign_successfully(name="Aigerim Nurlanqyzy", email=spellings[0])
    (confirmation,) = mail.wait_for(spellings[0])

    second = visitors(site.host(1))
    second.open_petition()
    assert second.sign_successfully(name="Aigerim N.", email=spellings[1]) == first_answer
    first.confirm(confirmation)
    assert_count_everywhere(site, first, before + 1)

    third = visitors(site.host(0))
    third.open_petition()
    assert third.sign_successfully(name="Aigerim", email=spellings[2]) == first_answer
    assert_count_everywhere(site, third, before + 1)
    assert site.signatures_held() == held + 1
