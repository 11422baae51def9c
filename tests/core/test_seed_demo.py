import io

import pytest
from django.core.management import call_command

from ogp_portal.accounts.models import User
from ogp_portal.directory.models import Administration, Commune, Region

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_to_the_same_result():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (
        Region.objects.count(),
        Commune.objects.count(),
        Administration.objects.count(),
        User.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Region.objects.count(),
        Commune.objects.count(),
        Administration.objects.count(),
        User.objects.count(),
    ) == counts
    assert counts[0] == 12 and counts[1] == 1503
    assert counts[2] >= 50
    printed = out.getvalue()
    assert "ogp-demo-2026" in printed and "civil.servant@example.org" in printed


def test_the_demo_civil_servant_belongs_to_an_administration():
    call_command("seed_demo", stdout=io.StringIO())
    servant = User.objects.get(email="civil.servant@example.org")
    assert servant.administration.slug == "mtnra"
    assert servant.groups.filter(name="civil_servant").exists()
    assert all(u.email.endswith("@example.org") for u in User.objects.all())
