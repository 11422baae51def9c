"""Per-language fields of the funders' official content (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, Programme, Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "fr")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"ar": ("title",), "fr": ("title",)}


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "description", "eligibility")
    required_languages = {"ar": ("title", "description"), "fr": ("title", "description")}
