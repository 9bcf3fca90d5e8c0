"""One mailbox, one canonical address: case, spaces, Unicode, quotes, +tags, provider dots;
and only addresses our mail can reach."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaign.petitions.normalise import InvalidEmail, deliverable_email, normalise_email

SAME_MAILBOX = [
    ("someone@example.org", "someone@example.org"),
    ("  Someone@Example.ORG  ", "someone@example.org"),
    ("someone+petition@example.org", "someone@example.org"),
    ("someone+a+b@example.org", "someone@example.org"),
    ("some.one@example.org", "some.one@example.org"),
    ("Jane.Doe+x@gmail.com", "janedoe@gmail.com"),
    ("j.a.n.e.d.o.e@googlemail.com", "janedoe@gmail.com"),
    ("JANEDOE@GMAIL.COM.", "janedoe@gmail.com"),
    ("ivan.petrov@ya.ru", "ivan-petrov@yandex.ru"),
    ("ivan-petrov+tag@yandex.kz", "ivan-petrov@yandex.ru"),
    ("someone@me.com", "someone@icloud.com"),
    ("someone+x@protonmail.com", "someone@proton.me"),
    # Full-width letters (NFKC) and an internationalised domain in either spelling.
    ("ｓｏｍｅｏｎｅ@example.org", "someone@example.org"),  # noqa: RUF001
    ("user@bücher.de", "user@xn--bcher-kva.de"),
    ("user@XN--BCHER-KVA.DE", "user@xn--bcher-kva.de"),
    # Quotes a mailbox name does not need are no second mailbox.
    ('"jane.roe1"@gmail.com', "janeroe1@gmail.com"),
    ('"jane.roe1+x"@gmail.com', "janeroe1@gmail.com"),
    ('"someone"@example.org', "someone@example.org"),
]


@pytest.mark.parametrize(("raw", "canonical"), SAME_MAILBOX)
def test_spellings_of_one_mailbox_share_a_canonical_form(raw, canonical):
    assert normalise_email(raw) == canonical


def test_dots_still_matter_where_the_provider_keeps_them():
    assert normalise_email("a.b@example.org") != normalise_email("ab@example.org")
    assert normalise_email("a.b@outlook.com") != normalise_email("ab@outlook.com")


@pytest.mark.parametrize("raw", ["", "@", "no-at-sign", "@example.org", "user@", "+tag@gmail.com"])
def test_addresses_without_a_mailbox_are_refused(raw):
    with pytest.raises(InvalidEmail):
        normalise_email(raw)


UNDELIVERABLE = [
    # Control characters, inside the mailbox name or the domain.
    "jane\x00roe@gmail.com",
    "jane\rroe@gmail.com",
    "jane.roe@gm\x07ail.com",
    "jane\u202eroe@gmail.com",
    # Loopback and special-use names, and IP addresses, as the domain.
    "jane@localhost",
    "jane@mail.localhost",
    "jane@printer.local",
    "jane@host.test",
    "jane@[127.0.0.1]",
    "jane@[IPv6:::1]",
    "jane@127.0.0.1",
    "jane@gmail",
    # Syntax: two dots, a dot at an end, quotes a mailbox name needs, letters before the @
    # that our mail server cannot send to.
    "jane..roe@gmail.com",
    ".jane@gmail.com",
    "jane.@gmail.com",
    '"jane roe"@gmail.com',
    '"jane@roe"@gmail.com',
    "жанна@mail.ru",
]


@pytest.mark.parametrize("raw", UNDELIVERABLE)
def test_addresses_mail_cannot_reach_are_refused(raw):
    with pytest.raises(InvalidEmail):
        deliverable_email(raw)
    with pytest.raises(InvalidEmail):
        normalise_email(raw)


def test_the_delivery_address_keeps_tag_and_case_and_drops_needless_quotes():
    assert deliverable_email('"Jane.Roe+News"@GMail.com') == "Jane.Roe+News@gmail.com"
    assert deliverable_email(" Asel+Petition@Example.ORG ") == "Asel+Petition@example.org"
    assert deliverable_email("user@bücher.de") == "user@xn--bcher-kva.de"


# Mailbox names as providers hand them out: atoms of letters, digits, "_" and "-" joined by
# single dots (a dot at an end, or two in a row, is no address at all).
atom = st.text(alphabet=string.ascii_lowercase + string.digits + "_-", min_size=1, max_size=10)
local_parts = st.lists(atom, min_size=1, max_size=4).map(".".join)
domains = st.sampled_from(["example.org", "gmail.com", "yandex.ru", "mail.ru", "outlook.com"])


@given(local=local_parts, domain=domains)
def test_normalising_is_idempotent(local, domain):
    once = normalise_email(f"{local}@{domain}")
    assert normalise_email(once) == once


@given(
    local=local_parts,
    domain=domains,
    tag=st.text(alphabet=string.ascii_letters + string.digits, max_size=12),
    spaces=st.text(alphabet=" \t", max_size=3),
)
def test_case_spaces_and_tags_never_make_a_second_signer(local, domain, tag, spaces):
    plain = normalise_email(f"{local}@{domain}")
    variant = f"{spaces}{local.upper()}+{tag}@{domain.upper()}{spaces}"
    assert normalise_email(variant) == plain


@given(local=local_parts.filter(lambda s: "." not in s), dots=st.sets(st.integers(1, 20)))
def test_gmail_ignores_dots_anywhere(local, dots):
    dotted = "".join(("." + char) if index in dots else char for index, char in enumerate(local))
    assert normalise_email(f"{dotted}@gmail.com") == normalise_email(f"{local}@gmail.com")


@given(st.text(max_size=80))
def test_any_input_gives_an_address_or_invalid_email(raw):
    try:
        result = normalise_email(raw)
    except InvalidEmail:
        return
    local, _at, domain = result.rpartition("@")
    assert local
    assert domain
    assert result == result.strip()


@given(
    local=local_parts,
    domain=domains,
    tag=st.text(alphabet=string.ascii_letters + string.digits, max_size=12),
)
def test_quoting_a_mailbox_name_never_makes_a_second_signer(local, domain, tag):
    plain = normalise_email(f"{local}@{domain}")
    assert normalise_email(f'"{local}"@{domain}') == plain
    assert normalise_email(f'"{local}+{tag}"@{domain}') == plain
    assert deliverable_email(f'"{local}"@{domain}') == f"{local}@{domain}"


controls = st.characters(categories=["Cc"]) | st.sampled_from("\u200e\u202a\u202e\u2066")


@given(local=local_parts, domain=domains, char=controls, data=st.data())
def test_a_control_character_anywhere_inside_is_refused(local, domain, char, data):
    address = f"{local}@{domain}"
    at = data.draw(st.integers(1, len(address) - 1))
    with pytest.raises(InvalidEmail):
        normalise_email(address[:at] + char + address[at:])


@given(st.text(max_size=80))
def test_what_can_be_delivered_has_a_canonical_form_and_the_same_one(raw):
    try:
        address = deliverable_email(raw)
    except InvalidEmail:
        return
    assert address.isascii()
    assert deliverable_email(address) == address
    try:
        canonical = normalise_email(raw)
    except InvalidEmail:
        # Only a mailbox name that is all tag has no canonical form.
        assert address.startswith("+")
        return
    assert normalise_email(address) == canonical
