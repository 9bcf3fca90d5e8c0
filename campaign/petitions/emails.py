"""The campaign's e-mail: one function per message, each in the signer's language.

A notification preview on a phone that someone else can see must not say that its owner
signed a petition: the subjects are neutral ("Please confirm your e-mail address"), and so is
the paragraph after the greeting, long enough to fill a preview, before any petition is named.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from campaign.petitions.tokens import confirm_token, withdraw_token


def absolute(path):
    return settings.SITE_URL + path


def links(signature):
    return {
        "confirm_url": absolute(
            reverse("campaign:confirm", kwargs={"token": confirm_token(signature)})
        ),
        "withdraw_url": absolute(
            reverse("campaign:withdraw", kwargs={"token": withdraw_token(signature)})
        ),
        "petition_url": absolute(signature.petition.get_absolute_url()),
        "privacy_url": absolute(reverse("campaign:privacy")),
    }


def send(signature, template):
    with translation.override(signature.language):
        context = {
            "signature": signature,
            "petition": signature.petition,
            "confirm_days": settings.CAMPAIGN_CONFIRM_LINK_DAYS,
            **links(signature),
        }
        subject = render_to_string(f"campaign/emails/{template}_subject.txt", context)
        text = render_to_string(f"campaign/emails/{template}.txt", context)
        html = render_to_string(f"campaign/emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[signature.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def confirmation(signature):
    """To a pending signer: the button to confirm, and the way to withdraw."""
    send(signature, "confirm")


def already_signed(signature):
    """To a confirmed signer whose address was entered again: nothing to do, or withdraw."""
    send(signature, "already_signed")
