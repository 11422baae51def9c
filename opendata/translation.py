"""Per-language fields of the registry's official content (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Dataset, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Dataset)
class DatasetTranslation(TranslationOptions):
    fields = ("title", "description")
