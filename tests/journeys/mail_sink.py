"""An SMTP server on loopback that keeps every message it receives, for the journeys to read.

The site under test sends its mail to it over real SMTP (EMAIL_HOST/EMAIL_PORT), as it would
to a provider; a journey then opens "its" mailbox and follows a link from the text part, as a
signer does from their mail program.
"""

import email
import email.policy
import logging
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from aiosmtpd.controller import Controller

from tests.campaign.live_gunicorn import free_port

LINK = re.compile(r"https?://\S+")
# aiosmtpd logs every connection at INFO, and its own readiness probe as a lost connection.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Mail:
    recipients: tuple
    message: email.message.EmailMessage

    @property
    def subject(self):
        return self.message["Subject"]

    @property
    def text(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()

    def link(self, containing):
        """The one link in the text part whose address contains `containing`."""
        links = [url for url in LINK.findall(self.text) if containing in url]
        assert len(links) == 1, f"expected one link with {containing!r} in:\n{self.text}"
        return links[0]


class MailSink:
    """aiosmtpd's handler interface (handle_DATA) plus a way to wait for a mailbox's mail."""

    def __init__(self):
        self.received = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.received.append(Mail(tuple(envelope.rcpt_tos), message))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def mailbox(self, address):
        with self.arrived:
            return [mail for mail in self.received if address in mail.recipients]

    def wait_for(self, address, count=1, timeout=30):
        """The mail for `address` once it holds `count` messages (the newest last)."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(mailbox := self.mailbox(address)) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"{address} received {len(mailbox)} of {count} e-mails"
                self.arrived.wait(left)
        return mailbox


@contextmanager
def mail_sink():
    """A running sink; `.env` is what a Django process needs to send its mail there."""
    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_TIMEOUT": "10",
    }
    try:
        yield sink
    finally:
        controller.stop()
