from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import cached_property, lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaign.lib.honeypot import BotTrapForm
from campaign.lib.visitor_text import VisitorParagraphField, VisitorTextField
from campaign.lib.widgets import LongSelect
from campaign.petitions.countries import COUNTRIES, sorted_countries
from campaign.petitions.models import Signature
from campaign.petitions.normalise import InvalidEmail, deliverable_email, normalise_email


def country_choices():
    return [("", _("Choose your country")), *sorted_countries(get_language())]


class DeliverableEmailField(forms.EmailField):
    """An address our mail can reach, judged by email-validator (campaign.petitions.normalise)
    rather than Django's pattern; cleaned to the form it is sent to, its +tag kept so that the
    signer's own mail filters still work."""

    default_validators = []

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            address = deliverable_email(value)
            # One signature per mailbox needs a mailbox name once the +tag is off.
            normalise_email(address)
        except InvalidEmail as error:
            raise ValidationError(_("Enter a valid e-mail address."), code="invalid") from error
        return address


def show_name_warning():
    """Read by screen readers with the box (aria-describedby); every part escaped. Written
    when the form is rendered, in the language and under the URL prefix of that request."""
    return format_html(
        '{} <span class="name-risk">{} <a href="{}#kazakhstan">{}</a></span>',
        _("Leave this unticked to be counted without being named."),
        _(
            "A public name can be read by anyone, the authorities in Kazakhstan included: "
            "if you or your family live there, think before ticking this."
        ),
        reverse("campaign:privacy"),
        _("What it can mean"),
    )


class CountryField(forms.ChoiceField):
    """One of the countries the form offers in every language. Django's check walks the 250
    translated choices, about 0.3 ms of every signature; the codes are looked up instead."""

    def valid_value(self, value):
        return str(value) in COUNTRIES


class SignatureForm(BotTrapForm):
    name = VisitorTextField(
        label=_("Your name"),
        max_length=Signature.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = DeliverableEmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature. It is never shown to anyone."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    country = CountryField(
        label=_("Country where you live"), choices=country_choices, widget=LongSelect
    )
    city = VisitorTextField(
        label=_("Town or city (optional)"),
        max_length=Signature.CITY_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    comment = VisitorParagraphField(
        label=_("Comment (optional)"),
        max_length=Signature.COMMENT_MAX_LENGTH,
        required=False,
        help_text=_("Shown beside your name only after a moderator has read it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    show_name = forms.BooleanField(
        label=_("Show my name publicly on this page"),
        required=False,
        help_text=lazy(show_name_warning, SafeString)(),
    )
    wants_updates = forms.BooleanField(
        label=_("Send me news of the campaign by e-mail"),
        required=False,
        help_text=_("Unticked, we delete your address as soon as you have confirmed."),
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action or ""

    @cached_property
    def helper(self):
        """How crispy lays the form out, built when it is rendered: an accepted signature
        never is, and building it was a sixth of the form's time on every POST."""
        helper = FormHelper()
        # The page writes the <form> tag and its one CSRF token itself.
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            "name",
            "email",
            "country",
            "city",
            "comment",
            "show_name",
            "wants_updates",
            Div(Field("website"), css_class="d-none", aria_hidden="true"),
            Submit("sign", _("Sign the petition"), css_class="btn-lg"),
        )
        return helper

    def signing_kwargs(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "country": data["country"],
            "city": data["city"],
            "comment": data["comment"],
            "show_name": data["show_name"],
            "wants_updates": data["wants_updates"],
            "language": get_language() or "en",
        }
