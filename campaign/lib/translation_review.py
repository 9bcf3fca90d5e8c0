"""Review state of the translations of content records, one field per reviewed language.

English is the language the texts are written in; the other versions were prepared with
machine assistance and stay marked "needs native review" until a native speaker approves them
in the admin (campaign.lib.translation_review_admin). Public pages use the state for a discreet
notice (memorial.templatetags.translated). The fields, the admin's columns and actions are made
from REVIEWED_LANGUAGES; a system check says when a model's fields no longer match it.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.conf import settings
from django.core import checks
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_stubs_ext import StrPromise

# The languages whose translations are reviewed; English is the original.
REVIEWED_LANGUAGES = ("ru", "kk")


@dataclass(frozen=True)
class ReviewTexts:
    """What the admin says about one reviewed language (written out, for the catalogs)."""

    field: StrPromise
    column: StrPromise
    action: StrPromise
    logged: StrPromise
    # ngettext_lazy with the number named "count".
    marked: Promise


TEXTS = {
    "ru": ReviewTexts(
        field=_("Russian translation"),
        column=_("Russian reviewed"),
        action=_("Mark the Russian translation reviewed by a native speaker"),
        logged=_("Marked the Russian translation reviewed by a native speaker."),
        marked=ngettext_lazy(
            "%(count)d Russian translation marked reviewed.",
            "%(count)d Russian translations marked reviewed.",
            "count",
        ),
    ),
    "kk": ReviewTexts(
        field=_("Kazakh translation"),
        column=_("Kazakh reviewed"),
        action=_("Mark the Kazakh translation reviewed by a native speaker"),
        logged=_("Marked the Kazakh translation reviewed by a native speaker."),
        marked=ngettext_lazy(
            "%(count)d Kazakh translation marked reviewed.",
            "%(count)d Kazakh translations marked reviewed.",
            "count",
        ),
    ),
}


class TranslationReview(models.TextChoices):
    MACHINE = "machine", _("machine-assisted, needs native review")
    REVIEWED = "reviewed", _("reviewed by a native speaker")


def review_field(language: str) -> str:
    return f"review_{language}"


class TranslationReviewed(models.Model):
    """Adds `review_<language>` for each of REVIEWED_LANGUAGES to a translated model.

    Who approved a translation, and when, is in the admin history (one LogEntry per change).
    """

    class Meta:
        abstract = True

    def needs_review(self, language: str) -> bool:
        """True when `language`'s translation has not been approved (never for English)."""
        if language not in REVIEWED_LANGUAGES:
            return False
        return getattr(self, review_field(language)) != TranslationReview.REVIEWED


for _language in REVIEWED_LANGUAGES:
    TranslationReviewed.add_to_class(
        review_field(_language),
        models.CharField(
            TEXTS[_language].field,
            max_length=8,
            choices=TranslationReview,
            default=TranslationReview.MACHINE,
        ),
    )


@checks.register(checks.Tags.models)
def check_review_fields(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: object
) -> list[checks.CheckMessage]:
    """Every reviewed language is a language of the site, and every reviewed model has a
    review field for each of them and none for any other."""
    errors: list[checks.CheckMessage] = []
    site_languages = {code for code, _name in settings.LANGUAGES}
    for language in REVIEWED_LANGUAGES:
        if language not in site_languages or language not in TEXTS:
            errors.append(
                checks.Error(
                    f"REVIEWED_LANGUAGES names {language!r}, which is not in LANGUAGES or "
                    "has no admin texts.",
                    id="lib.E001",
                )
            )
    expected = {review_field(language) for language in REVIEWED_LANGUAGES}
    for model in _reviewed_models(app_configs):
        found = {f.name for f in model._meta.get_fields() if f.name.startswith("review_")}
        if found != expected:
            errors.append(
                checks.Error(
                    f"Review fields {sorted(found)} do not match REVIEWED_LANGUAGES "
                    f"({sorted(expected)}).",
                    obj=model,
                    id="lib.E002",
                )
            )
    return errors


def _reviewed_models(app_configs: Sequence[AppConfig] | None) -> Iterator[type[models.Model]]:
    configs = app_configs or apps.get_app_configs()
    for config in configs:
        for model in config.get_models():
            if issubclass(model, TranslationReviewed):
                yield model
