import json
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from campaign.lib.translation_review import REVIEWED_LANGUAGES, TranslationReview, review_field
from campaign.petitions.models import Petition

CONTENT = Path(__file__).resolve().parents[2] / "content" / "petition.json"
LANGUAGES = ("en", "ru", "kk")
TEXT_FIELDS = ("title", "addressees", "summary", "demands", "sources")


def as_text(value):
    return "\n".join(value) if isinstance(value, list) else value


def next_anniversary(now, month_day, at_least=timedelta(days=180)):
    """The next `month_day` ("12-16") at least `at_least` from now, at the end of that day."""
    month, day = (int(part) for part in month_day.split("-"))
    year = now.year
    while True:
        closing = timezone.make_aware(datetime.combine(datetime(year, month, day), time.max))
        if closing - now >= at_least:
            return closing
        year += 1


class Command(BaseCommand):
    help = (
        "Create the shipped petition (en, ru, kk) if it is missing. Idempotent: an existing "
        "petition keeps its dates, state and any text a moderator changed; only empty "
        "translations are filled, unless --update-text is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-text", action="store_true", help="Overwrite the texts with the shipped ones."
        )

    @transaction.atomic
    def handle(self, *args, update_text=False, **options):
        content = json.loads(CONTENT.read_text(encoding="utf-8"))
        texts = {
            f"{field}_{language}": as_text(content[field][language])
            for field in TEXT_FIELDS
            for language in LANGUAGES
        }
        petition = Petition.objects.filter(slug=content["slug"]).first()
        if petition is None:
            now = timezone.now()
            petition = Petition.objects.create(
                slug=content["slug"],
                goal=content["goal"],
                state=Petition.State.OPEN,
                opens_at=now,
                closes_at=next_anniversary(now, content["closes_on_anniversary"]),
                **texts,
            )
            self.stdout.write(f"Created petition {petition.slug}.")
            return
        changed = [
            name
            for name, value in texts.items()
            if update_text or not getattr(petition, name)
            if getattr(petition, name) != value
        ]
        for name in changed:
            setattr(petition, name, texts[name])
        # The shipped translations are machine-assisted: a rewritten one needs review again.
        stale = [
            review_field(language)
            for language in REVIEWED_LANGUAGES
            if any(name.endswith(f"_{language}") for name in changed)
        ]
        for name in stale:
            setattr(petition, name, TranslationReview.MACHINE)
        if changed:
            petition.save(update_fields=[*changed, *stale, "updated_at"])
        self.stdout.write(f"Petition {petition.slug}: {len(changed)} text field(s) updated.")
