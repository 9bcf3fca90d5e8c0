from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from campaign.staff.devices import verify_code


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login: user name, password and a code from the authenticator app (or a
    backup code), all three in one form.

    A wrong code gets the same answer as a wrong password, so nobody learns that they guessed
    the password, and it counts as a failed login for django-axes like a wrong password does.
    """

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your backup codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct %(username)s, password and code for a staff account. "
            "The user name and password may be case-sensitive."
        ),
    }

    def clean(self):
        if not self.cleaned_data.get("otp_token"):
            # The field says what is missing; no password is hashed for a form that cannot pass.
            return self.cleaned_data
        super().clean()
        user = self.get_user()
        device = verify_code(user, self.cleaned_data["otp_token"])
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise self.get_invalid_login_error()
        # django-otp marks the session verified by this device when the user is logged in.
        user.otp_device = device
        return self.cleaned_data


class EnrolmentPasswordForm(forms.Form):
    """The first step of enrolment: the link names the account, its password proves the
    person. Checked through authenticate(), so django-axes counts and limits failures."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, request, user, *args, **kwargs):
        self.request = request
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        password = self.cleaned_data.get("password")
        if password:
            found = authenticate(self.request, username=self.user.get_username(), password=password)
            if found != self.user:
                raise forms.ValidationError(
                    _("That is not the password of this account."), code="invalid_password"
                )
        return self.cleaned_data


class AuthenticatorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def reject_code(self):
        self.add_error(
            "code",
            _(
                "That is not the code the app shows now. Check that the phone's clock is right "
                "and type the newest code."
            ),
        )
