"""Canonical e-mail addresses: one signature per mailbox, however the address is spelled.

Folding: surrounding spaces, Unicode compatibility form (NFKC), case, internationalised
domains to their ASCII (IDNA) form, a trailing dot on the domain; `+tags` everywhere (a
sub-address reaches the same mailbox at every provider that supports them, and nobody hands
out distinct mailboxes that differ only after a `+`); and the rules of the big providers for
dots and alias domains. After the UK Parliament petitions site's canonical e-mail.
"""

import unicodedata

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


def ascii_domain(domain):
    domain = domain.rstrip(".")
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise InvalidEmail(domain) from error


def split_email(address):
    """(local part, domain) of an address after Unicode, case and domain folding."""
    folded = unicodedata.normalize("NFKC", address).strip().casefold()
    local, at, domain = folded.rpartition("@")
    if not at or not local or not domain:
        raise InvalidEmail(address)
    return local, ascii_domain(domain)


def normalise_email(address):
    """The canonical form of `address`; raises InvalidEmail when it has no local part or domain."""
    local, domain = split_email(address)
    domain = DOMAIN_ALIASES.get(domain, domain)
    local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local = local.replace(".", "")
    elif domain in DOTS_ARE_HYPHENS:
        local = local.replace(".", "-")
    if not local:
        raise InvalidEmail(address)
    return f"{local}@{domain}"
