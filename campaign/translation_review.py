"""Review state of the Russian and Kazakh translations of content records.

English is the language the texts are written in; the Russian and Kazakh versions were
prepared with machine assistance and stay marked "needs native review" until a native
speaker approves them in the admin (campaign.translation_review_admin). Public pages use the
state for a discreet notice (memorial.templatetags.translated).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The languages whose translations are reviewed; English is the original.
REVIEWED_LANGUAGES = ("ru", "kk")


class TranslationReview(models.TextChoices):
    MACHINE = "machine", _("machine-assisted, needs native review")
    REVIEWED = "reviewed", _("reviewed by a native speaker")


def review_field(language):
    return f"review_{language}"


class TranslationReviewed(models.Model):
    """Adds `review_ru` and `review_kk` to a model whose texts are translated.

    Who approved a translation, and when, is in the admin history (one LogEntry per change).
    """

    review_ru = models.CharField(
        _("Russian translation"),
        max_length=8,
        choices=TranslationReview,
        default=TranslationReview.MACHINE,
    )
    review_kk = models.CharField(
        _("Kazakh translation"),
        max_length=8,
        choices=TranslationReview,
        default=TranslationReview.MACHINE,
    )

    class Meta:
        abstract = True

    def needs_review(self, language):
        """True when `language`'s translation has not been approved (never for English)."""
        if language not in REVIEWED_LANGUAGES:
            return False
        return getattr(self, review_field(language)) != TranslationReview.REVIEWED
