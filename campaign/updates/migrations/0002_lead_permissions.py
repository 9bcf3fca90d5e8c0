"""Campaign leads write, preview and send updates to signers; nobody else but a superuser
(moderators do not see them). The list is copied here, so this migration keeps meaning what
it meant when it was written."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CAMPAIGN_LEADS = "Campaign leads"
LEAD_PERMISSIONS = ["add_update", "change_update", "view_update", "send_update"]


def grant(apps, using):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.using(using).get_or_create(name=CAMPAIGN_LEADS)
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="updates", codename__in=LEAD_PERMISSIONS
        )
    )


def add_permissions(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are normally created after the last migration; the group needs them now.
    app_config = apps.get_app_config("updates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    grant(apps, using)


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=CAMPAIGN_LEADS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="updates", codename__in=LEAD_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0001_initial"),
        ("campaign", "0003_roles"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
