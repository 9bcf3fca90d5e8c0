"""Signed links in the campaign's e-mail: confirm (expires) and withdraw (lasts).

A token signs the signature's random `key` (never its sequential id) with a salt per purpose,
so a withdraw token cannot be used to confirm, nor the other way round.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "campaign.signature.confirm"
WITHDRAW_SALT = "campaign.signature.withdraw"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def confirm_token(signature):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(signature.key)


def withdraw_token(signature):
    return signing.Signer(salt=WITHDRAW_SALT).sign(signature.key)


def confirm_max_age():
    return timedelta(days=settings.CAMPAIGN_CONFIRM_LINK_DAYS)


def read_confirm_token(token):
    """The signature key in a confirm token; LinkExpired or LinkInvalid otherwise."""
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=confirm_max_age())
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


def read_withdraw_token(token):
    try:
        return signing.Signer(salt=WITHDRAW_SALT).unsign(token)
    except signing.BadSignature as error:
        raise LinkInvalid from error
