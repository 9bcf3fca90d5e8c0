from modeltranslation.translator import TranslationOptions, register

from campaign.petitions.models import Petition


@register(Petition)
class PetitionTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "demands", "addressees", "sources")
