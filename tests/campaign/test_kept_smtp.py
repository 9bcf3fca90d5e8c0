"""The SMTP backend keeps its connection from one message to the next (campaign/lib/smtp.py),
against a real SMTP server: each message arrives once, and a connection is given up when the
server has gone, when it has idled too long, after enough messages, or after a failed send."""

import json
import smtplib
import time

import pytest
from django.core.mail import EmailMessage, mailers

from campaign.lib import smtp
from tests.updates.smtp_sink import smtp_sink
from tests.updates.worker_site import manage, site_environment


@pytest.fixture(autouse=True)
def nothing_kept():
    smtp.release()
    yield
    smtp.release()


@pytest.fixture
def mailer(settings):
    """A running SMTP server, and a function that points the site's mailer at it."""

    def point(sink, **options):
        settings.MAILERS = {
            "default": {
                "BACKEND": "campaign.lib.smtp.KeptSMTPBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 10, **options},
            }
        }

    return point


def send(to):
    EmailMessage(subject="Confirm", body="Please confirm.", to=[to]).send()


def peers(sink):
    return [message.peer for _recipients, message in sink.received]


def test_messages_in_a_row_go_over_one_connection(mailer):
    with smtp_sink() as sink:
        mailer(sink)
        for n in range(5):
            send(f"signer{n}@example.org")
    assert [recipients for recipients, _ in sink.received] == [
        (f"signer{n}@example.org",) for n in range(5)
    ]
    assert len(set(peers(sink))) == 1


def test_a_server_restarted_between_messages_gets_the_next_message_once(mailer):
    with smtp_sink() as first:
        mailer(first)
        send("first@example.org")
        port = first.port
    with smtp_sink(port=port) as second:
        send("second@example.org")
    assert [recipients for recipients, _ in first.received] == [("first@example.org",)]
    assert [recipients for recipients, _ in second.received] == [("second@example.org",)]


def test_a_connection_idle_longer_than_keep_seconds_is_replaced(mailer):
    with smtp_sink() as sink:
        mailer(sink, keep_seconds=0.3)
        send("a@example.org")
        send("b@example.org")
        time.sleep(0.5)
        send("c@example.org")
    first, second, third = peers(sink)
    assert first == second != third


def test_a_connection_is_replaced_after_keep_messages(mailer):
    with smtp_sink() as sink:
        mailer(sink, keep_messages=2)
        for n in range(5):
            send(f"signer{n}@example.org")
    connections = peers(sink)
    assert len(sink.received) == 5
    assert connections[0] == connections[1] != connections[2] == connections[3] != connections[4]


def test_after_a_refused_message_the_next_goes_out_once_on_a_new_connection(mailer):
    with smtp_sink() as sink:
        sink.refused.add("gone@example.org")
        mailer(sink)
        send("before@example.org")
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            send("gone@example.org")
        send("after@example.org")
    assert [recipients for recipients, _ in sink.received] == [
        ("before@example.org",),
        ("after@example.org",),
    ]
    before, after = peers(sink)
    assert before != after


def test_a_worker_sends_every_queued_confirmation_over_one_connection(tmp_path):
    """The process the backend is for: `manage.py db_worker` with the production settings."""
    signers = 20
    with smtp_sink() as sink:
        env = site_environment(tmp_path, sink)
        manage(env, "migrate", "--noinput")
        manage(env, "load_petition")
        queued = manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "import json\n"
            "from campaign.petitions.models import Petition\n"
            "from campaign.petitions.signing import sign\n"
            "from campaign.petitions.tasks import send_signature_email\n"
            "petition = Petition.objects.get()\n"
            f"for n in range({signers}):\n"
            "    signature, _ = sign(petition, name='Signer', email=f'signer{n}@example.org',"
            " country='KZ')\n"
            "    send_signature_email.enqueue(signature.pk)\n"
            f"print(json.dumps({signers}))\n",
        )
        assert json.loads(queued.splitlines()[-1]) == signers
        manage(env, "db_worker", "--batch", "--no-startup-delay")
    mailboxes = sink.by_recipient()
    assert sorted(mailboxes) == sorted(f"signer{n}@example.org" for n in range(signers))
    assert all(len(messages) == 1 for messages in mailboxes.values())
    assert len(set(peers(sink))) == 1


def test_of_two_connections_open_at_once_the_one_closed_last_is_kept_the_other_quits(mailer):
    with smtp_sink() as sink:
        mailer(sink)
        with mailers.default as outer:
            with mailers.default as inner:
                inner.send_messages([EmailMessage("Inner", "Text.", to=["inner@example.org"])])
                inner_connection = inner.connection
            outer.send_messages([EmailMessage("Outer", "Text.", to=["outer@example.org"])])
        assert inner_connection.sock is None  # QUIT and closed, not left open
        send("after@example.org")
    inner_peer, outer_peer, after_peer = peers(sink)
    assert inner_peer != outer_peer
    assert after_peer == outer_peer
