"""Run inside `manage.py shell` against the killed-worker test's own database (a SQLite file):
`prepare` writes the recipients and starts an update (queueing its first task for a
worker), `report` prints where the sending stands, as JSON."""

import json

from django.contrib.auth import get_user_model

from campaign.updates import sending, tasks
from campaign.updates.models import Delivery, Update
from tests.campaign.factories import make_petition, make_signature
from tests.updates.conftest import LANGUAGES, update_texts


def prepare(count):
    petition = make_petition("killed-worker")
    for number in range(count):
        make_signature(
            petition,
            email=f"reader{number:03d}@example.org",
            state="confirmed",
            wants_updates=True,
            language=LANGUAGES[number % len(LANGUAGES)],
        )
    lead = get_user_model().objects.create_user("lead", is_staff=True)
    update = Update.objects.create(petition=petition, **update_texts())
    print(json.dumps({"recipients": tasks.start_sending(update, lead)}))


def report():
    update = Update.objects.get()
    states = {
        delivery.signature.email: delivery.state
        for delivery in Delivery.objects.select_related("signature")
    }
    languages = {
        delivery.signature.email: delivery.language
        for delivery in Delivery.objects.select_related("signature")
    }
    progress = vars(sending.progress(update))
    print(
        json.dumps(
            {
                "state": update.state,
                "progress": progress,
                "deliveries": states,
                "languages": languages,
            }
        )
    )
