import factory
from django.utils import timezone

from opendata.models import Dataset, Resource
from tests.factories import AdministrationFactory


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"dataset-{n}")
    title_ar = factory.Sequence(lambda n: f"مجموعة بيانات {n}")
    title_fr = factory.Sequence(lambda n: f"Jeu de données {n}")
    title_en = factory.Sequence(lambda n: f"Dataset {n}")
    description_fr = "Description courte."
    publisher = factory.SubFactory(AdministrationFactory)
    issued = factory.LazyFunction(timezone.localdate)
    modified = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def quality(self, create, extracted, **kwargs):
        if create:
            self.refresh_quality()


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    dataset = factory.SubFactory(DatasetFactory)
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://data.gov.ma/data/resource-{n}.csv")
    format = "CSV"
    size = 1024
