"""Factories for inert data. State changes in tests go through the services."""

import factory
from django.contrib.auth.models import Group

from ogp_portal.accounts.models import User
from ogp_portal.directory.models import Administration, Commune, Province, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 12) + 1:02d}")
    name_fr = factory.Sequence(lambda n: f"Région {n}")
    name_ar = factory.Sequence(lambda n: f"جهة {n}")
    population_2024 = 2_000_000


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"99.{n:03d}")
    name_fr = factory.Sequence(lambda n: f"Province {n}")
    name_ar = factory.Sequence(lambda n: f"إقليم {n}")
    population_2024 = 400_000


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"99.{n:03d}.01.0")
    name_fr = factory.Sequence(lambda n: f"Commune {n}")
    name_ar = factory.Sequence(lambda n: f"جماعة {n}")
    population_2024 = 30_000


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"administration-{n}")
    name_ar = factory.Sequence(lambda n: f"الإدارة {n}")
    name_fr = factory.Sequence(lambda n: f"Administration {n}")
    name_en = factory.Sequence(lambda n: f"Administration {n}")
    kind = Administration.Kind.MINISTRY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for code in extracted:
                self.groups.add(Group.objects.get(name=code))
        if create:
            self.save()


def verified_user(**kwargs) -> User:
    """A user with a verified primary email, as allauth requires to sign in."""
    from allauth.account.models import EmailAddress

    user = UserFactory(**kwargs)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user
