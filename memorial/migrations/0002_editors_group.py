"""The Editors group: exactly the rights to manage the memorial's content in the admin.

Candles and correction requests are moderated by the Moderators group, not by editors.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTENT_MODELS = ["source", "citation", "event", "person", "namevariant", "harm", "countclaim"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    app_config = apps.get_app_config("memorial")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in CONTENT_MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="memorial", codename__in=codenames
    )
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("memorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
