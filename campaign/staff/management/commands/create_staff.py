"""Create the first staff account of each role: a moderator, a campaign lead, an editor."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaign.staff.links import instructions

# role: (group created by the migrations, default user name, environment variable)
ROLES = {
    "moderator": ("Moderators", "moderator", "DJANGO_MODERATOR_PASSWORD"),
    "lead": ("Campaign leads", "campaign-lead", "DJANGO_CAMPAIGN_LEAD_PASSWORD"),
    "editor": ("Editors", "editor", "DJANGO_EDITOR_PASSWORD"),
}


class Command(BaseCommand):
    help = (
        "Create one staff account for each role (moderator, campaign lead, editor), in the "
        "group that gives it exactly its rights. Passwords come from DJANGO_MODERATOR_PASSWORD, "
        "DJANGO_CAMPAIGN_LEAD_PASSWORD and DJANGO_EDITOR_PASSWORD, or are asked for. An "
        "account that already exists is left as it is. Each new account gets an enrolment "
        "link, printed here, that sets up its second factor."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--role",
            action="append",
            choices=sorted(ROLES),
            help="Only this role (repeat for several); all three by default.",
        )
        for role, (_group, default, _variable) in ROLES.items():
            parser.add_argument(
                f"--{role}",
                dest=f"{role}_username",
                default=default,
                metavar="USERNAME",
                help=f"User name of the {role} account (default: {default}).",
            )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt: passwords must be in the environment.",
        )

    def handle(self, *args, role=None, interactive=True, **options):
        for name in role or ROLES:
            group_name, _default, variable = ROLES[name]
            username = options[f"{name}_username"]
            self.create(name, username, group_name, variable, interactive)

    def create(self, role, username, group_name, variable, interactive):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"{role}: {username} exists already; left as it is.")
            return
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist as error:
            raise CommandError(f"The group {group_name!r} is missing: run migrate.") from error
        user = User(username=username, is_staff=True)
        password = self.password(role, user, variable, interactive)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"{role}: created {username} in {group_name}."))
        self.stdout.write(instructions(user))

    def password(self, role, user, variable, interactive):
        if password := os.environ.get(variable):
            self.validate(password, user)
            return password
        if not interactive:
            raise CommandError(f"Set {variable} for the {role} account, or run interactively.")
        while True:
            password = getpass.getpass(f"Password for the {role} {user.username}: ")
            if password != getpass.getpass("The same again: "):
                self.stderr.write("The passwords differ; once more.")
                continue
            try:
                self.validate(password, user)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password

    def validate(self, password, user):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
