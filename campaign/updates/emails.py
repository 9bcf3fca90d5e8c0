"""The update as a signer receives it: subject and text in their language, the personal
unsubscribe link under the text, and the RFC 8058 headers that let a mail program show its
own "Unsubscribe" button and unsubscribe with one POST."""

import email.policy
from email.message import EmailMessage
from email.policy import Policy

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from campaign.updates.models import Update
from campaign.updates.tokens import unsubscribe_token

# What a test copy's link points at: a token no signature has, so the page says the link is
# not valid rather than unsubscribing anyone.
SAMPLE_KEY = "test-copy"


class UpdateMessage(EmailMultiAlternatives):
    """A message whose header lines may be as long as RFC 5322 allows (998 characters).

    Python folds a header longer than 78 characters, and one with no space to break at, as
    a URL in angle brackets, it folds by turning it into RFC 2047 encoded words
    (`=?utf-8?q?=3Chttp...`). Mail programs read List-Unsubscribe's URL as it is written, not
    decoded, and would not find it."""

    def message(self, *, policy: Policy | None = email.policy.default) -> EmailMessage:
        return super().message(policy=(policy or email.policy.default).clone(max_line_length=998))


def unsubscribe_url(signature_key: str, language: str) -> str:
    with translation.override(language):
        path = reverse("updates:unsubscribe", kwargs={"token": unsubscribe_token(signature_key)})
    return settings.SITE_URL + path


def render(update: Update, language: str, signature_key: str = SAMPLE_KEY) -> dict[str, str]:
    """Subject, text and HTML of the update in `language` (the admin's preview shows this)."""
    with translation.override(language):
        context = {
            "update": update,
            "petition": update.petition,
            "petition_url": settings.SITE_URL + update.petition.get_absolute_url(),
            "unsubscribe_url": unsubscribe_url(signature_key, language),
        }
        return {
            "subject": " ".join(update.subject.split()),
            "text": render_to_string("updates/emails/update.txt", context),
            "html": render_to_string("updates/emails/update.html", context),
            "unsubscribe_url": context["unsubscribe_url"],
        }


def message(
    update: Update, address: str, language: str, signature_key: str = SAMPLE_KEY
) -> UpdateMessage:
    rendered = render(update, language, signature_key)
    mail = UpdateMessage(
        subject=rendered["subject"],
        body=rendered["text"],
        to=[address],
        headers={
            "List-Unsubscribe": f"<{rendered['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mail.attach_alternative(rendered["html"], "text/html")
    return mail
