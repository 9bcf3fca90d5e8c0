"""Enrolment links: how a new staff account gets its second factor without an open window.

A password alone opens nothing: the admin's login asks for a code from an authenticator app,
and a new account has none. The technical administrator hands the person a link (printed by
`create_staff`, `createsuperuser` and `enrol_staff`) beside the password; on the link's page
the person types the password, scans a QR code and gets backup codes. The link is signed and
lasts STAFF_ENROLMENT_HOURS; it works only while the account has no authenticator and only
once, since it carries a digest of the account's password hash and last login, and the
enrolment ends with a login.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from campaign.staff.devices import has_authenticator

SALT = "staff.enrolment"


class LinkUnusable(Exception):
    """Expired, tampered with, used already, or for an account that has an authenticator."""


def account_state(user):
    value = f"{user.pk}:{user.password}:{user.last_login}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:32]


def enrolment_token(user):
    return signing.dumps({"user": user.pk, "state": account_state(user)}, salt=SALT)


def enrolment_url(user):
    return settings.SITE_URL + reverse("admin:staff_enrol", args=[enrolment_token(user)])


def user_for_token(token):
    """The active staff account a token enrols; LinkUnusable if it cannot be used (now)."""
    max_age = timedelta(hours=settings.STAFF_ENROLMENT_HOURS)
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise LinkUnusable from error
    user = (
        get_user_model()
        ._default_manager.filter(pk=data.get("user"), is_active=True, is_staff=True)
        .first()
    )
    if (
        user is None
        or has_authenticator(user)
        or not constant_time_compare(str(data.get("state")), account_state(user))
    ):
        raise LinkUnusable
    return user


def instructions(user):
    """What the technical administrator reads after creating or resetting an account."""
    return (
        f"Enrolment link for {user.get_username()} (works once, for "
        f"{settings.STAFF_ENROLMENT_HOURS} hours):\n"
        f"  {enrolment_url(user)}\n"
        "Give it to the person with the password, by another channel than the password. They "
        "open it, type the password, scan the QR code with an authenticator app (Aegis, "
        "FreeOTP, Google Authenticator...), type the six digits it shows, and write down their "
        "backup codes. Until then the admin refuses the account. A lost phone: "
        f"manage.py enrol_staff --reset {user.get_username()}"
    )
