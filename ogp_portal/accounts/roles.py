"""The portal's roles, as Django groups with model permissions.

A rule is (app label, model name or "*", actions). Rules may name apps whose
models do not exist yet: every `migrate` re-syncs, so a new app's permissions
join the roles as soon as its tables exist.
"""

from django.utils.translation import gettext_lazy as _

CIVIL_SERVANT = "civil_servant"
INFORMATION_OFFICER = "information_officer"
COMPLAINTS_OFFICER = "complaints_officer"
CALL_CENTRE_AGENT = "call_centre_agent"
PETITION_REVIEWER = "petition_reviewer"
MODERATOR = "moderator"
OGP_STAFF = "ogp_staff"

VIEW = ("view",)
EDIT = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

ROLES: dict[str, dict] = {
    CIVIL_SERVANT: {
        "label": _("Civil servant"),
        "rules": [
            ("directory", "administration", ("view", "change")),
            ("transparency", "*", EDIT),
            ("integrity", "*", EDIT),
            ("csofunding", "*", EDIT),
            ("opendata", "*", EDIT),
        ],
    },
    INFORMATION_OFFICER: {
        "label": _("Information officer"),
        "rules": [("directory", "administration", VIEW), ("transparency", "*", EDIT)],
    },
    COMPLAINTS_OFFICER: {
        "label": _("Complaints officer"),
        "rules": [("directory", "administration", VIEW), ("complaints", "*", EDIT)],
    },
    CALL_CENTRE_AGENT: {
        "label": _("Call-centre agent"),
        "rules": [
            ("directory", "administration", VIEW),
            ("complaints", "complaint", ("view", "add")),
        ],
    },
    PETITION_REVIEWER: {
        "label": _("Petition reviewer"),
        "rules": [("directory", "administration", VIEW), ("petitions", "*", ("view", "change"))],
    },
    MODERATOR: {
        "label": _("Moderator"),
        "rules": [
            ("core", "moderationcase", ("view", "change")),
            ("core", "contentreport", VIEW),
            ("transparency", "*", VIEW),
            ("petitions", "*", ("view", "change")),
            ("integrity", "*", ("view", "change")),
            ("opendata", "*", ("view", "change")),
        ],
    },
    OGP_STAFF: {
        "label": _("OGP staff"),
        "rules": [
            ("directory", "*", ALL),
            ("core", "*", ALL),
            ("accounts", "user", ("view", "change")),
            ("transparency", "*", ALL),
            ("petitions", "*", ALL),
            ("integrity", "*", ALL),
            ("complaints", "*", VIEW),
            ("csofunding", "*", ALL),
            ("opendata", "*", ALL),
        ],
    },
}

# Roles whose members work in the admin.
STAFF_ROLES = set(ROLES)


def role_label(code: str) -> str:
    return str(ROLES[code]["label"]) if code in ROLES else code


def _permissions_for(rules, Permission):
    wanted = []
    for app_label, model, actions in rules:
        qs = Permission.objects.filter(content_type__app_label=app_label)
        if model != "*":
            qs = qs.filter(content_type__model=model)
        for perm in qs.select_related("content_type"):
            action = perm.codename.split("_", 1)[0]
            if action in actions:
                wanted.append(perm)
    return wanted


def sync_roles(Group, Permission) -> None:
    """Create the groups and give each exactly the permissions its rules name."""
    for code, spec in ROLES.items():
        group, _created = Group.objects.get_or_create(name=code)
        group.permissions.set(_permissions_for(spec["rules"], Permission))


def sync_roles_after_migrate(sender, using="default", apps=None, **kwargs):
    # Run once per migrate, after the last app's permissions are created.
    from django.apps import apps as global_apps

    with_models = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    if sender.label != with_models[-1].label:
        return
    from django.contrib.auth.models import Group, Permission

    sync_roles(Group, Permission)
