"""The benchmark's mail: an SMTP sink on loopback (demanding STARTTLS when asked, as in
`make bench` and the spike), the db_worker that sends to it, and the queue's depth sampled
while they run.

The sink keeps only what the benchmark needs from each message (its confirmation link), so
that receiving mail costs the shared 2 cores as little as it can.
"""

import email
import email.policy
import re
import ssl
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.harness import PYTHON, ROOT, free_port

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/[a-z-]+/petitions/confirm/[^/\s]+/)")


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.received = 0
        self.links = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",)).get_content()
        match = CONFIRM_LINK.search(text)
        with self.lock:
            self.received += 1
            if match:
                self.links.append(match.group(1))
        return "250 Message accepted for delivery"

    def take_links(self, count):
        with self.lock:
            taken, self.links = self.links[:count], self.links[count:]
        return taken


def self_signed(directory):
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    cert, key = Path(directory) / "smtp-cert.pem", Path(directory) / "smtp-key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextmanager
def smtp_sink(tls_dir=None):
    """The sink; with `tls_dir`, it demands STARTTLS, as a provider's relay does, with a
    certificate made there that the sender is told to trust (SSL_CERT_FILE)."""
    sink = Sink()
    port = free_port()
    tls = {}
    env = {"EMAIL_USE_TLS": "0"}
    if tls_dir is not None:
        cert, key = self_signed(tls_dir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        tls = {"tls_context": context, "require_starttls": True}
        env = {"EMAIL_USE_TLS": "1", "SSL_CERT_FILE": str(cert)}
    controller = Controller(sink, hostname="127.0.0.1", port=port, **tls)
    controller.start()
    sink.env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_TIMEOUT": "10", **env}
    try:
        yield sink
    finally:
        controller.stop()


@contextmanager
def db_worker(env, log_path, count=1):
    """`manage.py db_worker`, as production runs it (`count` of them), until the block ends.
    Each writes its own log: `log_path`, then `log_path` with -2, -3... before the suffix."""
    path = Path(log_path)
    processes = []
    for n in range(1, count + 1):
        log = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
        with open(log, "w") as out:
            processes.append(
                subprocess.Popen(
                    [PYTHON, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class QueueSampler:
    """Every `interval` s: the tasks waiting (READY or RUNNING) and the mail received so far."""

    def __init__(self, count_waiting, sink, interval=1.0):
        self.count_waiting = count_waiting
        self.sink = sink
        self.interval = interval
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.started = time.monotonic()

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self):
        waiting = self.count_waiting()
        self.samples.append((time.monotonic() - self.started, waiting, self.sink.received))
        return waiting

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def wait_drained(self, timeout):
        """Until nothing waits (or timeout s); True when drained."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count_waiting() == 0:
                self.sample()
                return True
            time.sleep(0.5)
        self.sample()
        return False
