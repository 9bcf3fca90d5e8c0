"""The delivery dossier and its CSV written to a folder, for a petition too large for a web
request: the admin's download runs within gunicorn's 30-second timeout, which a dossier of
tens of thousands of names can exceed (docs/BENCHMARKS.md)."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaign.delivery import dossier
from campaign.petitions.models import Petition


class Command(BaseCommand):
    help = (
        "Write <slug>-dossier.pdf and <slug>-signatures.csv for a petition into a folder, as "
        "the admin's Delivery dossier does; the export is recorded under the given staff account."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--user", required=True, help="the campaign lead recorded in the export log"
        )
        parser.add_argument(
            "--language",
            action="append",
            choices=[code for code, _name in settings.LANGUAGES],
            help="a language of the petition's text, repeatable; the first is the dossier's",
        )
        parser.add_argument("--output", default=".", help="the folder (default: the current)")

    def handle(self, slug, user, language, output, **options):
        try:
            petition = Petition.objects.get(slug=slug)
        except Petition.DoesNotExist:
            raise CommandError(f"No petition with the slug {slug!r}.") from None
        account = get_user_model()._default_manager.filter(username=user).first()
        if account is None or not account.has_perm(dossier.PERMISSION):
            raise CommandError(f"{user!r} is not an account that may export signatures.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        pdf_path, csv_path = dossier.build(petition, language or ["en"], account, folder)
        digest = hashlib.sha256(csv_path.read_bytes()).hexdigest()
        self.stdout.write(f"{pdf_path}\n{csv_path}\nSHA-256 {digest}")
