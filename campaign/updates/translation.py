from modeltranslation.translator import TranslationOptions, register

from campaign.updates.models import Update


@register(Update)
class UpdateTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
