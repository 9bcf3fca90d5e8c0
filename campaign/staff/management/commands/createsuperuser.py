"""Django's createsuperuser, then the new account's enrolment link: without its second factor
a superuser cannot log in to the admin either."""

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser

from campaign.staff.links import instructions


class Command(createsuperuser.Command):
    help = createsuperuser.Command.help + " Then prints the link that sets up its second factor."

    def handle(self, *args, **options):
        superusers = get_user_model()._default_manager.db_manager(options["database"])
        superusers = superusers.filter(is_superuser=True)
        existing = set(superusers.values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in superusers.exclude(pk__in=existing):
            self.stdout.write(instructions(user))
