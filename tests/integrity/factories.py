"""Initiatives as inert data (needs the vocabularies: integrity.vocabularies.load_vocabularies)."""

import factory

from integrity.models import ChallengeType, Initiative, Sector, Theme
from tests.factories import AdministrationFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title_ar = factory.Sequence(lambda n: f"مبادرة {n}")
    title_fr = factory.Sequence(lambda n: f"Initiative {n}")
    title_en = factory.Sequence(lambda n: f"Initiative {n}")
    summary_ar = "ملخص المبادرة"
    summary_fr = "Résumé de l'initiative"
    summary_en = "Summary of the initiative"
    lead_administration = factory.SubFactory(AdministrationFactory)
    sector = factory.LazyFunction(lambda: Sector.objects.get(slug="health"))
    theme = factory.LazyFunction(lambda: Theme.objects.get(slug="prevention"))
    challenge_type = factory.LazyFunction(lambda: ChallengeType.objects.get(slug="procurement"))
    status = Initiative.Status.ONGOING
