"""What the "check your inbox" page remembers of a signing: the address, masked, for an hour.

It lives in a signed cookie of the signer's own browser, never in the session (the session
store is the shared cache), a URL or a log: `a•••@gmail.com`, the petition and the random link
code of the signature, so that the page can say where the e-mail went and send it again. The
cookie is HttpOnly, SameSite=Strict and, under HTTPS, `__Host-` and Secure. It is set for
every accepted form alike, whether the address was new or had signed, and for a bot caught by
the honeypot too, so that the page looks the same in every case.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from campaign.petitions.models import Signature

SALT = "campaign.petitions.inbox"
MAX_AGE = 3600


def cookie_name():
    return "__Host-inbox" if settings.SESSION_COOKIE_SECURE else "inbox"


def mask(address):
    """`a•••@gmail.com`: enough for its owner to recognise, too little for anyone else."""
    local, _at, domain = address.rpartition("@")
    return f"{local[:1]}•••@{domain}"


@dataclass(frozen=True)
class SentTo:
    masked: str
    signature_key: str | None

    def signature_id(self):
        """The signature to send to again, or None (a bot's form, or withdrawn since)."""
        if self.signature_key is None:
            return None
        return Signature.objects.filter(key=self.signature_key).values_list("pk", flat=True).first()


def remember(response, petition, address, signature=None):
    value = signing.dumps(
        {"petition": petition.slug, "to": mask(address), "key": signature and signature.key},
        salt=SALT,
    )
    response.set_cookie(
        cookie_name(),
        value,
        max_age=MAX_AGE,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def recall(request, petition):
    """The SentTo this browser signed `petition` with in the last hour, or None."""
    try:
        data = signing.loads(request.COOKIES.get(cookie_name(), ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("petition") != petition.slug:
        return None
    return SentTo(masked=data["to"], signature_key=data["key"])
