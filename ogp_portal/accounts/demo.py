"""Demo accounts, one per role. All of them are fictitious (example.org addresses)."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from . import roles

DEMO_PASSWORD = "ogp-demo-2026"  # noqa: S105 - printed for the demo, never used in production

# (email, full name, roles, administration slug, is_staff, is_superuser, label)
DEMO_ACCOUNTS = [
    ("citizen@example.org", "Salma Benali (demo)", [], None, False, False, _("citizen")),
    (
        "civil.servant@example.org",
        "Youssef Amrani (demo)",
        [roles.CIVIL_SERVANT],
        "mtnra",
        True,
        False,
        _("civil servant"),
    ),
    (
        "civil.servant.health@example.org",
        "Nadia Idrissi (demo)",
        [roles.CIVIL_SERVANT],
        "ministere-sante",
        True,
        False,
        _("civil servant (another administration)"),
    ),
    (
        "information.officer@example.org",
        "Karim Tazi (demo)",
        [roles.INFORMATION_OFFICER],
        "mtnra",
        True,
        False,
        _("information officer"),
    ),
    (
        "complaints.officer@example.org",
        "Hind Alaoui (demo)",
        [roles.COMPLAINTS_OFFICER],
        "ministere-sante",
        True,
        False,
        _("complaints officer"),
    ),
    (
        "call.centre@example.org",
        "Omar Berrada (demo)",
        [roles.CALL_CENTRE_AGENT],
        None,
        True,
        False,
        _("call-centre agent"),
    ),
    (
        "petition.reviewer@example.org",
        "Laila Chraibi (demo)",
        [roles.PETITION_REVIEWER],
        "chef-du-gouvernement",
        True,
        False,
        _("petition reviewer"),
    ),
    (
        "moderator@example.org",
        "Mehdi Fassi (demo)",
        [roles.MODERATOR],
        None,
        True,
        False,
        _("moderator"),
    ),
    (
        "ogp.staff@example.org",
        "Imane Kettani (demo)",
        [roles.OGP_STAFF],
        None,
        True,
        False,
        _("OGP staff"),
    ),
    ("admin@example.org", "Portal Administrator (demo)", [], None, True, True, _("superuser")),
]


def seed(stdout) -> None:
    from allauth.account.models import EmailAddress

    from ogp_portal.accounts.models import User
    from ogp_portal.directory.models import Administration

    rows = []
    for email, name, role_codes, admin_slug, is_staff, is_superuser, label in DEMO_ACCOUNTS:
        administration = (
            Administration.objects.filter(slug=admin_slug).first() if admin_slug else None
        )
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        user.full_name = name
        user.administration = administration
        user.is_staff = is_staff
        user.is_superuser = is_superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=role_codes))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        rows.append((str(label), email, str(administration) if administration else "—"))
    stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for label, email, administration in rows:
        stdout.write(f"  {label:<40} {email:<36} {administration}")
