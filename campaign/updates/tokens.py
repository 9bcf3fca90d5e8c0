"""The personal unsubscribe link: a signed token of the signature's random key.

It does not expire (an update read months later must still let its reader leave), carries
no address, and its salt is its own, so it cannot confirm or withdraw a signature.
"""

from django.core import signing

UNSUBSCRIBE_SALT = "campaign.updates.unsubscribe"


class LinkInvalid(Exception):
    pass


def unsubscribe_token(signature_key: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(signature_key)


def read_unsubscribe_token(token: str) -> str:
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise LinkInvalid from error
