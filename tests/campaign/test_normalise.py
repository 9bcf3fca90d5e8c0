"""One mailbox, one canonical address: case, spaces, Unicode, +tags, provider dots."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaign.normalise import InvalidEmail, normalise_email

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


local_parts = st.text(alphabet=string.ascii_lowercase + string.digits + "._-", min_size=1).filter(
    lambda s: s.strip(".")
)
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
