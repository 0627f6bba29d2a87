"""Creates the three roles from accounts.roles; shared by the migrations that (re)build them."""

from django.contrib.auth.management import create_permissions

from accounts.roles import ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrations finish; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        if codenames is None:
            permissions = Permission.objects.all()
        else:
            # By codename alone: a model that moved between apps (LocalAuthority, from inspections to
            # accounts) keeps its permissions' codenames, and the earlier migrations run before the move.
            # A permission of an app not migrated yet is left out: that app's own roles migration adds it.
            permissions = Permission.objects.filter(codename__in=[dotted.split(".")[1] for dotted in codenames])
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()
