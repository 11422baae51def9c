"""Per-language fields of the action plan's official content (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    ActionPlan,
    Commitment,
    Consultation,
    IrmRating,
    Milestone,
    OgpValue,
    PlanDocument,
    Theme,
)


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("title", "description")


@register(PlanDocument)
class PlanDocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(OgpValue)
class OgpValueTranslation(TranslationOptions):
    fields = ("name",)


@register(IrmRating)
class IrmRatingTranslation(TranslationOptions):
    fields = ("label",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title", "problem", "text", "ambition")


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "description")


# History after translation registration (see STACK.md).
simple_history.register(Commitment)
simple_history.register(Milestone)
