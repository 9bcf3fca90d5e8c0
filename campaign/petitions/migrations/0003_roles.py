"""The Moderators and Campaign leads groups, with exactly the rights each role needs.

Moderators review signatures, comments, candles and correction requests: they may see and
act on them, but not export, add or delete anything. Campaign leads may do all that, and
also write petitions and export their signatures. Nobody but a superuser deletes a petition
(it would take its signatures with it). The Editors group belongs to the memorial app.

The lists are copied here rather than imported, so this migration keeps meaning what it
meant when it was written.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
CAMPAIGN_LEADS = "Campaign leads"

MODERATOR_PERMISSIONS = [
    ("campaign", "view_petition"),
    ("campaign", "view_signature"),
    ("campaign", "change_signature"),
    ("campaign", "view_signaturecomment"),
    ("campaign", "change_signaturecomment"),
    ("memorial", "view_tribute"),
    ("memorial", "moderate_tribute"),
    ("memorial", "view_correctionrequest"),
    ("memorial", "moderate_correctionrequest"),
]
LEAD_PERMISSIONS = [
    *MODERATOR_PERMISSIONS,
    ("campaign", "add_petition"),
    ("campaign", "change_petition"),
    ("campaign", "export_signatures"),
    ("campaign", "view_exportlog"),
]
ROLES = {MODERATORS: MODERATOR_PERMISSIONS, CAMPAIGN_LEADS: LEAD_PERMISSIONS}


def assign_roles(apps, using):
    """Create the groups (or bring them back to these lists) from existing permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        permissions = [
            Permission.objects.using(using).get(
                content_type__app_label=app_label, codename=codename
            )
            for app_label, codename in wanted
        ]
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are normally created after the last migration; these groups need them now.
    for label in ("campaign", "memorial"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
    assign_roles(apps, using)


def remove_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    apps.get_model("auth", "Group").objects.using(using).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0002_moderation"),
        ("memorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
