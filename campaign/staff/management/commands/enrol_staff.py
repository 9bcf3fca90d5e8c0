"""Print a new enrolment link for a staff account: after `createsuperuser` on an old release,
for an account that existed before the second factor, or after a lost phone (--reset)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaign.staff import devices, links


class Command(BaseCommand):
    help = (
        "Print the link with which a staff account sets up its authenticator app and backup "
        "codes. An account that has an authenticator needs --reset, which removes it and its "
        "backup codes first (a lost or replaced phone): the account cannot log in until the "
        "person has used the new link."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the account's authenticator and backup codes first.",
        )

    def handle(self, *args, username, reset=False, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None or not user.is_staff or not user.is_active:
            raise CommandError(f"No active staff account is called {username!r}.")
        if reset:
            devices.remove_all(user)
            self.stdout.write(f"{username}: authenticator and backup codes removed.")
        elif devices.has_authenticator(user):
            raise CommandError(
                f"{username} has an authenticator already; --reset removes it (a lost phone)."
            )
        self.stdout.write(links.instructions(user))
