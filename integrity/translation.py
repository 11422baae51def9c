from modeltranslation.translator import TranslationOptions, register

from .models import ChallengeType, Indicator, Initiative, Sector, Theme


class VocabularyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "fr")


register(Sector)(VocabularyTranslation)
register(Theme)(VocabularyTranslation)
register(ChallengeType)(VocabularyTranslation)


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = {"ar": ("title", "summary"), "fr": ("title", "summary")}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")


# History after translation registration (see STACK.md).
import simple_history  # noqa: E402

simple_history.register(Initiative)
