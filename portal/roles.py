"""The portal's groups and what they may do.

Each app lists the model permissions its editors need as `editor_permissions` on
its AppConfig ("app_label.codename"); `ensure_groups` grants them. Members get no
permissions at all: they act only through the portal's own views.
"""

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS

EDITORS_GROUP = "Redacteurs"
MEMBERS_GROUP = "Netwerkleden"

EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]
PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": [
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
}


def _permission(Permission, dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def ensure_groups(using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the groups and grant editors their rights; safe to run again."""
    Group = global_apps.get_model("auth", "Group")
    Permission = global_apps.get_model("auth", "Permission")
    Page = global_apps.get_model("wagtailcore", "Page")
    Collection = global_apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = global_apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = global_apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    editors, _created = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    Group.objects.using(using).get_or_create(name=MEMBERS_GROUP)

    wanted = list(EDITOR_PERMISSIONS)
    for app_config in global_apps.get_app_configs():
        wanted += getattr(app_config, "editor_permissions", [])
    for dotted in wanted:
        permission = _permission(Permission, dotted)
        if permission:
            editors.permissions.add(permission)

    root_page = Page.objects.using(using).filter(depth=1).first()
    if root_page:
        for codename in PAGE_PERMISSIONS:
            permission = _permission(Permission, f"wagtailcore.{codename}")
            if permission:
                GroupPagePermission.objects.using(using).get_or_create(
                    group=editors, page=root_page, permission=permission
                )

    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = _permission(Permission, f"{app_label}.{codename}")
                if permission:
                    GroupCollectionPermission.objects.using(using).get_or_create(
                        group=editors, collection=root_collection, permission=permission
                    )


def is_network_member(user):
    """True for a logged-in member of the learning network (group Netwerkleden)."""
    if not user.is_authenticated:
        return False
    # Cached on the user object: templates may ask several times per request.
    if not hasattr(user, "_is_network_member"):
        user._is_network_member = user.groups.filter(name=MEMBERS_GROUP).exists()
    return user._is_network_member


def editor_emails():
    """Where notifications for Mechelen go: the active editors (or superusers)."""
    User = get_user_model()
    emails = list(
        User.objects.filter(groups__name=EDITORS_GROUP, is_active=True)
        .values_list("email", flat=True)
        .distinct()
    )
    if not emails:
        emails = list(
            User.objects.filter(is_superuser=True, is_active=True).values_list(
                "email", flat=True
            )
        )
    return emails
