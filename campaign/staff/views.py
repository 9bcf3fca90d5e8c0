"""Enrolment (the link, then the app) and new backup codes. The admin site routes here."""

from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaign.staff import devices, links
from campaign.staff.forms import AuthenticatorCodeForm, EnrolmentPasswordForm

# What the password step leaves for the app step: the link's token and the new device's id.
PENDING = "staff_enrolment"


def unusable_link(request, site):
    return render(request, "staff/enrol_unusable.html", site.each_context(request), status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request, token, site):
    try:
        user = links.user_for_token(token)
    except links.LinkUnusable:
        return unusable_link(request, site)
    form = EnrolmentPasswordForm(request, user, request.POST or None)
    if form.is_valid():
        # A session someone else may have planted must not see the key about to be shown.
        request.session.cycle_key()
        device = devices.new_authenticator(user)
        request.session[PENDING] = {"token": token, "device": device.pk}
        return redirect("admin:staff_enrol_authenticator")
    context = {**site.each_context(request), "form": form, "account": user}
    return render(request, "staff/enrol_password.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def enrol_authenticator(request, site):
    pending = request.session.get(PENDING) or {}
    try:
        user = links.user_for_token(pending.get("token", ""))
    except links.LinkUnusable:
        request.session.pop(PENDING, None)
        return unusable_link(request, site)
    device = TOTPDevice.objects.filter(pk=pending["device"], user=user, confirmed=False).first()
    if device is None:
        return unusable_link(request, site)
    form = AuthenticatorCodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = devices.confirm(device, form.cleaned_data["code"])
        except devices.AlreadyEnrolled:
            return unusable_link(request, site)
        if codes is not None:
            # The page's context first: after login() request.user is a plain User, without
            # the is_verified() that OTPMiddleware gives the user of each request.
            context = {**site.each_context(request), "codes": codes, "enrolled": True}
            del request.session[PENDING]
            user.otp_device = device
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return render(request, "staff/backup_codes.html", context)
        form.reject_code()
    context = {
        **site.each_context(request),
        "form": form,
        "account": user,
        "qr_code": devices.qr_code_svg(device),
        "setup_key": devices.setup_key(device),
    }
    return render(request, "staff/enrol_authenticator.html", context)


@require_http_methods(["GET", "POST"])
def backup_codes(request, site):
    """A new sheet of backup codes for the logged-in (verified) staff member."""
    context = site.each_context(request)
    if request.method == "POST":
        codes = devices.new_backup_codes(request.user)
        return render(request, "staff/backup_codes.html", {**context, "codes": codes})
    left = StaticToken.objects.filter(device__user=request.user).count()
    return render(request, "staff/backup_codes_left.html", {**context, "left": left})
