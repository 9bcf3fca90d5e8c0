"""A staff account's second factor: one authenticator app (TOTP) and a sheet of backup codes.

django-otp keeps both: a TOTPDevice per account (confirmed once the person has typed a code
from it) and a StaticDevice whose tokens are the backup codes, each valid once.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10


class AlreadyEnrolled(Exception):
    """The account got an authenticator meanwhile (the same link used in two browsers)."""


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify_code(user, code):
    """The device of `user` that accepts `code`, or None.

    Six digits go to the authenticator, anything else to the backup codes, so that a mistyped
    code never counts as a failure against the other device (django-otp slows a device down
    after each failure). Both are consumed: an app's code is refused a second time, a backup
    code is deleted.
    """
    code = "".join(code.split()).lower()
    if code.isdigit() and len(code) == 6:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    with transaction.atomic():
        for device in devices.select_for_update():
            if device.verify_token(code):
                return device
    return None


def new_authenticator(user):
    """A fresh, unconfirmed authenticator; an abandoned earlier attempt's is dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def setup_key(device):
    """The key as an app asks for it when typed by hand: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG: one path with presentation
    attributes and no style attribute, so the admin's strict CSP lets it through."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    # Our own markup around a URL of hex and base32 characters: nothing a visitor typed.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def confirm(device, code):
    """Confirm `device` with a code from the app, replacing every other device of its owner.

    Returns the new backup codes (shown to the person once), or None if the code is wrong.
    """
    with transaction.atomic():
        user = get_user_model()._default_manager.select_for_update().get(pk=device.user_id)
        if has_authenticator(user):
            raise AlreadyEnrolled
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        return new_backup_codes(user)


def new_backup_codes(user):
    """A new sheet of backup codes; the old sheet stops working."""
    StaticDevice.objects.filter(user=user).delete()
    sheet = StaticDevice.objects.create(user=user, name="Backup codes")
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=sheet, token=code) for code in codes)
    return codes


def remove_all(user):
    """Forget the authenticator and backup codes (a lost phone); enrolment starts again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
