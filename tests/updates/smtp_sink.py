"""A real SMTP server (aiosmtpd) on one of this suite's ports, keeping what it receives.

With `stall_at = n`, the n-th message and those after it are kept but not answered for a
minute: a sender killed in that time has handed its message over without hearing that it was
accepted, the case the killed-worker test needs.
"""

import asyncio
import email
import email.policy
import socket
import threading
import time
from contextlib import contextmanager

from aiosmtpd.controller import Controller

PORTS = range(8200, 8300)


def port_in_our_range():
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8200-8299")


class Sink:
    def __init__(self):
        self.received = []
        self.stall_at = None
        self.refused = set()  # addresses answered "550 no such mailbox"
        self.arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.raw = envelope.content  # as it came over the wire
        message.peer = session.peer  # the sender's address and port: one per connection
        with self.arrived:
            self.received.append((tuple(envelope.rcpt_tos), message))
            self.arrived.notify_all()
            stall = self.stall_at is not None and len(self.received) >= self.stall_at
        if stall:
            await asyncio.sleep(60)
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"received {len(self.received)} of {count} messages"
                self.arrived.wait(left)

    def by_recipient(self):
        messages = {}
        for recipients, message in self.received:
            for address in recipients:
                messages.setdefault(address, []).append(message)
        return messages


@contextmanager
def smtp_sink(port=None):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port or port_in_our_range())
    controller.start()
    sink.port = controller.port
    try:
        yield sink
    finally:
        controller.stop()
