"""Inert plan data; state changes in tests go through transparency.plan.services."""

import datetime

import factory
from django.utils import timezone

from tests.factories import AdministrationFactory
from transparency.models import (
    ActionPlan,
    Commitment,
    Consultation,
    Milestone,
    Theme,
)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"plan-{2000 + n}")
    title_ar = factory.Sequence(lambda n: f"خطة العمل {n}")
    title_fr = factory.Sequence(lambda n: f"Plan d'action {n}")
    title_en = factory.Sequence(lambda n: f"Action plan {n}")
    start_year = 2018
    end_year = 2020
    status = ActionPlan.Status.IN_PROGRESS


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(ActionPlanFactory)
    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_ar = factory.Sequence(lambda n: f"محور {n}")
    name_fr = factory.Sequence(lambda n: f"Axe {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(int)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    ogp_id = factory.LazyAttribute(lambda o: f"MO{o.number:04d}")
    title_ar = factory.Sequence(lambda n: f"التزام {n}")
    title_fr = factory.Sequence(lambda n: f"Engagement {n}")
    title_en = factory.Sequence(lambda n: f"Commitment {n}")
    problem_fr = "Un problème."
    text_fr = "Un engagement."
    lead_administration = factory.SubFactory(AdministrationFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    title_ar = factory.Sequence(lambda n: f"مرحلة {n}")
    title_fr = factory.Sequence(lambda n: f"Étape {n}")
    title_en = factory.Sequence(lambda n: f"Milestone {n}")
    start_date = datetime.date(2019, 1, 1)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    weight = 1
    progress = 0
    status = Milestone.Status.NOT_STARTED


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    plan = factory.SubFactory(ActionPlanFactory)
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title_ar = "استشارة"
    title_fr = "Consultation"
    title_en = "Consultation"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=25))
