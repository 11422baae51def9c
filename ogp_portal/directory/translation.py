import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Administration


@register(Administration)
class AdministrationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "fr")


# History after translation registration (see STACK.md).
simple_history.register(Administration)
