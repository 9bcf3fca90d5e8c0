"""E-mail addresses: whether mail can be sent to one, and its canonical form per mailbox.

Syntax is judged by email-validator (without any DNS lookup), after the folding every form
gets: surrounding spaces, Unicode compatibility form (NFKC: full-width letters typed on a
phone are plain letters) and a trailing dot on the domain. Refused: anything it refuses
(control characters, two dots in a row, a domain without a dot), IP addresses and
special-use names (`localhost`, `.local`, `.test`...) as domains, letters outside ASCII
before the @ (our mail server cannot deliver them), and a quoted mailbox name that needs its
quotes: `"jane.roe"@gmail.com` is jane.roe@gmail.com, while `"jane roe"@gmail.com` is no
mailbox any provider hands out.

The canonical form, from which the one-signature-per-person digest is made, then folds case,
internationalised domains to their ASCII (IDNA) form, `+tags` everywhere (a sub-address
reaches the same mailbox at every provider that supports them, and nobody hands out distinct
mailboxes that differ only after a `+`), and the rules of the big providers for dots and
alias domains. After the UK Parliament petitions site's canonical e-mail.
"""

import unicodedata

from email_validator import EmailNotValidError, validate_email

# Domain aliases that deliver to the same mailbox as the canonical domain.
DOMAIN_ALIASES = {
    "googlemail.com": "gmail.com",
    "ya.ru": "yandex.ru",
    "yandex.com": "yandex.ru",
    "yandex.kz": "yandex.ru",
    "yandex.by": "yandex.ru",
    "yandex.ua": "yandex.ru",
    "narod.ru": "yandex.ru",
    "me.com": "icloud.com",
    "mac.com": "icloud.com",
    "protonmail.com": "proton.me",
    "protonmail.ch": "proton.me",
    "pm.me": "proton.me",
}

# Providers whose mailbox names ignore dots (Gmail), or treat dots as hyphens (Yandex).
DOTS_IGNORED = {"gmail.com"}
DOTS_ARE_HYPHENS = {"yandex.ru"}


class InvalidEmail(ValueError):
    pass


def split_email(address):
    """(mailbox name, ASCII domain) of an address mail can be sent to; InvalidEmail if none.

    The mailbox name keeps its case, without quotes it does not need."""
    folded = unicodedata.normalize("NFKC", address).strip()
    local, at, domain = folded.rpartition("@")
    try:
        checked = validate_email(
            f"{local}{at}{domain.rstrip('.')}",
            check_deliverability=False,
            allow_quoted_local=True,
            allow_smtputf8=False,
            allow_domain_literal=False,
        )
    except EmailNotValidError as error:
        raise InvalidEmail(str(error)) from error
    if checked.local_part.startswith('"'):
        raise InvalidEmail("a mailbox name that needs quotes")
    return checked.local_part, checked.ascii_domain


def deliverable_email(address):
    """The address as mail is sent to it: tags and the mailbox name's case kept."""
    local, domain = split_email(address)
    return f"{local}@{domain}"


def normalise_email(address):
    """The canonical form of `address`, one per mailbox; InvalidEmail when it is no address."""
    local, domain = split_email(address)
    local = local.casefold()
    domain = DOMAIN_ALIASES.get(domain, domain)
    local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local = local.replace(".", "")
    elif domain in DOTS_ARE_HYPHENS:
        local = local.replace(".", "-")
    if not local:
        raise InvalidEmail(address)
    return f"{local}@{domain}"
