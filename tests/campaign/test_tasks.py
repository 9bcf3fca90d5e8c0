"""In production e-mail leaves the request: the database task backend queues it for the
worker, and the signer's page does not wait for the mail server."""

import pytest
from django.core import mail
from django.core.management import call_command

from campaign.petitions.models import Signature
from tests.campaign.factories import make_petition

pytestmark = pytest.mark.django_db(transaction=True)


def test_signing_queues_the_email_for_the_worker(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    petition = make_petition()
    response = client.post(
        petition.get_absolute_url(),
        {"name": "Queued", "email": "queued@example.org", "country": "KZ"},
    )
    assert response.status_code == 302
    assert Signature.objects.count() == 1
    assert mail.outbox == [], "no e-mail is sent inside the request"

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert [message.to for message in mail.outbox] == [["queued@example.org"]]
    assert mail.outbox[0].subject == "Please confirm your e-mail address"


def test_every_accepted_form_enqueues_one_task_whoever_signs(client, settings):
    """New, pending and confirmed addresses do the same work in the request; the task
    decides later whether anything is sent."""
    from django_tasks_db.models import DBTaskResult

    from campaign.petitions import signing

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    petition = make_petition()
    data = {"name": "A", "country": "KZ"}
    confirmed, _ = signing.sign(petition, name="B", email="done@example.org", country="KZ")
    signing.confirm(confirmed)
    for email in ("new@example.org", "new@example.org", "done@example.org"):
        before = DBTaskResult.objects.count()
        client.post(petition.get_absolute_url(), {**data, "email": email})
        assert DBTaskResult.objects.count() == before + 1, email
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    # One confirmation (the repeat is a double click); nothing for the confirmed signer,
    # whose address was deleted at confirmation.
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
