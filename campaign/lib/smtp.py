"""SMTP that keeps its connection from one message to the next, in each process.

Django's SMTP backend opens a connection for every `send()`: TCP, greeting, EHLO, STARTTLS
and the TLS handshake, a second EHLO, AUTH, and QUIT after the one message. The e-mail worker
sends one message per task, so for each confirmation most of the conversation was the
setting-up; to a relay across the internet each of those steps is a round trip. This backend
hands the connection back to the process when a send ends and takes it up again at the next,
after a NOOP shows the server still listens.

A kept connection is given up, and a new one opened, when it has been idle for
`keep_seconds` (closed without a word: before a server's own idle timeout, and before a TCP
connection dropped silently on the way could make the NOOP hang), or after `keep_messages`
messages (with QUIT), as relays limit messages per connection. A send that raised leaves its
connection in a state nobody knows: it is closed, never kept. What the NOOP costs is one round
trip; what it protects is the message: a server gone since the last send fails the NOOP,
before a MAIL command, so nothing is half-sent and the message goes out once on a new
connection.
"""

import atexit
import os
import smtplib
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends import smtp


@dataclass
class _Kept:
    key: tuple
    connection: smtplib.SMTP
    pid: int
    last_used: float
    messages: int


# One per thread: a connection is a conversation, which two threads cannot share.
_slot = threading.local()


def _quit(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


def release() -> None:
    """QUIT the connection this thread keeps, if any."""
    kept = getattr(_slot, "kept", None)
    _slot.kept = None
    if kept is not None and kept.pid == os.getpid():
        _quit(kept.connection)


atexit.register(release)


class KeptSMTPBackend(smtp.EmailBackend):
    def __init__(self, *, keep_seconds: float = 30, keep_messages: int = 100, **kwargs: Any):
        super().__init__(**kwargs)
        self.keep_seconds = keep_seconds
        self.keep_messages = keep_messages
        self._messages = 0
        self._failed = False

    def _key(self) -> tuple:
        return (self.host, self.port, self.username, self.use_tls, self.use_ssl)

    def _take_kept(self) -> smtplib.SMTP | None:
        """The process's kept connection to this server if it is fresh and still answers."""
        kept = getattr(_slot, "kept", None)
        _slot.kept = None
        if kept is None or kept.pid != os.getpid():
            # A connection inherited across fork belongs to the parent's conversation.
            return None
        if time.monotonic() - kept.last_used >= self.keep_seconds:
            # No QUIT: on a connection dropped silently on the way, it would wait the whole
            # timeout for a reply, and this may be a visitor's request.
            kept.connection.close()
            return None
        if kept.key != self._key() or kept.messages >= self.keep_messages:
            _quit(kept.connection)
            return None
        try:
            code, _ = kept.connection.noop()
        except (smtplib.SMTPException, OSError):
            code = None
        if code != 250:
            kept.connection.close()
            return None
        self._messages = kept.messages
        return kept.connection

    def open(self) -> bool | None:
        if self.connection is None and (connection := self._take_kept()) is not None:
            self.connection = connection
            # "New" to send_messages, so that it calls close() at the end, which keeps it.
            return True
        opened = super().open()
        if opened:
            self._messages = 0
        return opened

    def _send(self, email_message: EmailMessage) -> bool:
        try:
            sent = super()._send(email_message)  # type: ignore[misc]  # private: not in the stubs
        except BaseException:
            self._failed = True
            raise
        if sent:
            self._messages += 1
        elif email_message.recipients():
            self._failed = True  # an error that fail_silently swallowed
        return sent

    def close(self) -> None:
        if self.connection is not None and not self._failed:
            # Two connections open at once in one thread: the one kept before gives way.
            release()
            _slot.kept = _Kept(
                self._key(), self.connection, os.getpid(), time.monotonic(), self._messages
            )
            self.connection = None
        self._failed = False
        super().close()
