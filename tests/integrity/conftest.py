"""Fixtures of the integrity tests: the vocabularies, and initiatives built as inert data.

State changes go through integrity.services; the factories only lay out the starting point.
"""

import pytest

from integrity.models import ChallengeType, Indicator, Initiative, Sector, Theme
from integrity.vocabularies import load_vocabularies

from .factories import InitiativeFactory


@pytest.fixture
def vocabularies(db):
    load_vocabularies(Sector, Theme, ChallengeType)


@pytest.fixture
def make_initiative(vocabularies):
    """make_initiative(state="published", sector="justice", ...) -> an initiative in that state."""
    from django.utils import timezone

    def _make(
        state=Initiative.State.DRAFT,
        sector=None,
        theme=None,
        challenge=None,
        regions=(),
        indicators=(),
        **kwargs,
    ):
        if sector:
            kwargs["sector"] = Sector.objects.get(slug=sector)
        if theme:
            kwargs["theme"] = Theme.objects.get(slug=theme)
        if challenge:
            kwargs["challenge_type"] = ChallengeType.objects.get(slug=challenge)
        if state == Initiative.State.PUBLISHED:
            kwargs.setdefault("published_at", timezone.now())
        initiative = InitiativeFactory(state=state, **kwargs)
        if regions:
            initiative.regions.set(regions)
        for name, baseline, target, actual in indicators:
            Indicator.objects.create(
                initiative=initiative,
                name_fr=name,
                name_ar=name,
                name_en=name,
                baseline=baseline,
                target=target,
                actual=actual,
            )
        return initiative

    return _make
