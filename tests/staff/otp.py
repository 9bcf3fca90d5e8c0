"""The one way tests log in as staff now that the admin wants a second factor.

`verified_login(client, user)` for Django's test client: the user gets a confirmed
authenticator and the session is marked verified by it, as after a real login.
`code_for(user)` for tests that fill the login form: the code the person's app shows now.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """The user's confirmed authenticator app, made on first use."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Test phone"}
    )
    return device


def current_code(device):
    """What the app shows now. A code is accepted once: after a login in this time step, the
    next step's code, which the server also accepts (tolerance of one step)."""
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    step = max(now, device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def code_for(user):
    return current_code(authenticator(user))


def verified_login(client, user):
    """client.force_login, with the session verified by the user's authenticator."""
    client.force_login(user)
    # What django_otp.login() records after a login through the form.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()
    return client
