import os

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Say what this release needs of the cache: every key carries a fingerprint of the "
        "served code (campaign/release.py), so nothing needs clearing; every host of one "
        "deployment must print the same version."
    )

    def handle(self, **options):
        version = settings.CACHES["default"].get("VERSION")
        if pinned := os.environ.get("DJANGO_CACHE_VERSION"):
            self.stderr.write(
                f"Cache: DJANGO_CACHE_VERSION pins the keys' version at {pinned} instead of "
                "the code's fingerprint, so pages and objects an older release stored would "
                "be served by this one. Remove it, or give it a new value (the same on every "
                "host) for each release."
            )
            return
        self.stdout.write(
            f"Cache: keys carry this release's fingerprint, version {version}: what an older "
            "release stored is never read, so nothing needs clearing. Every host of this "
            "deployment must show the same version."
        )
