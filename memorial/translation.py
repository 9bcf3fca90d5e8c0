"""Translated content fields (name_en, name_ru, name_kk, ...); English is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from memorial.models import Citation, CountClaim, Event, Harm, Person, Source


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    # The title stays as published, in the source's own language; the note explains it.
    fields = ("note",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "place", "summary", "body")
    required_languages = ("en",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "occupation", "home_town", "biography", "photo_alt")
    required_languages = ("en",)


@register(Harm)
class HarmTranslationOptions(TranslationOptions):
    fields = ("place", "description")


@register(CountClaim)
class CountClaimTranslationOptions(TranslationOptions):
    fields = ("words", "claimant", "scope", "summary")


@register(Citation)
class CitationTranslationOptions(TranslationOptions):
    fields = ("note",)
