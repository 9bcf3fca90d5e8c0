"""The review state of translations in the admin: columns, filters, actions, and a reset.

Mix `TranslationReviewAdminMixin` into the ModelAdmin of a `TranslationReviewed` model and
add `REVIEW_ACTIONS` to its `actions`. Marking a translation reviewed writes one admin
LogEntry per record, so each record's history says who approved it and when. When an
editor changes the English text in the change form, the approved translations go back to
"needs native review": they no longer say what the English says.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.translator import translator

from campaign.translation_review import REVIEWED_LANGUAGES, TranslationReview, review_field

REVIEW_FIELDS = [review_field(language) for language in REVIEWED_LANGUAGES]
REVIEW_ACTIONS = ["mark_ru_reviewed", "mark_kk_reviewed"]
LOG_MESSAGES = {
    "ru": _("Marked the Russian translation reviewed by a native speaker."),
    "kk": _("Marked the Kazakh translation reviewed by a native speaker."),
}


def mark_reviewed(request, queryset, language):
    """Approve `language` on the selected records not yet approved; one LogEntry each."""
    field = review_field(language)
    changed = list(queryset.exclude(**{field: TranslationReview.REVIEWED}))
    queryset.model.objects.filter(pk__in=[obj.pk for obj in changed]).update(
        **{field: TranslationReview.REVIEWED}
    )
    LogEntry.objects.log_actions(request.user.pk, changed, CHANGE, str(LOG_MESSAGES[language]))
    return len(changed)


class TranslationReviewAdminMixin:
    def get_list_display(self, request):
        return [*super().get_list_display(request), "ru_reviewed", "kk_reviewed"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), *REVIEW_FIELDS]

    def get_fields(self, request, obj=None):
        """The review states after the texts they are about."""
        fields = [name for name in super().get_fields(request, obj) if name not in REVIEW_FIELDS]
        return [*fields, *REVIEW_FIELDS]

    @admin.display(description=_("Russian reviewed"), boolean=True, ordering="review_ru")
    def ru_reviewed(self, obj):
        return obj.review_ru == TranslationReview.REVIEWED

    @admin.display(description=_("Kazakh reviewed"), boolean=True, ordering="review_kk")
    def kk_reviewed(self, obj):
        return obj.review_kk == TranslationReview.REVIEWED

    @admin.action(
        description=_("Mark the Russian translation reviewed by a native speaker"),
        permissions=["change"],
    )
    def mark_ru_reviewed(self, request, queryset):
        count = mark_reviewed(request, queryset, "ru")
        report = ngettext(
            "%(count)d Russian translation marked reviewed.",
            "%(count)d Russian translations marked reviewed.",
            count,
        )
        self.message_user(request, report % {"count": count})

    @admin.action(
        description=_("Mark the Kazakh translation reviewed by a native speaker"),
        permissions=["change"],
    )
    def mark_kk_reviewed(self, request, queryset):
        count = mark_reviewed(request, queryset, "kk")
        report = ngettext(
            "%(count)d Kazakh translation marked reviewed.",
            "%(count)d Kazakh translations marked reviewed.",
            count,
        )
        self.message_user(request, report % {"count": count})

    def save_model(self, request, obj, form, change):
        if change:
            self.reset_stale_reviews(request, obj, form)
        super().save_model(request, obj, form, change)

    def reset_stale_reviews(self, request, obj, form):
        """A change to the English text sends approved translations back for review."""
        translated = translator.get_options_for_model(type(obj)).fields
        if not any(f"{name}_en" in form.changed_data for name in translated):
            return
        reset = [
            language
            for language in REVIEWED_LANGUAGES
            if review_field(language) not in form.changed_data and not obj.needs_review(language)
        ]
        for language in reset:
            setattr(obj, review_field(language), TranslationReview.MACHINE)
        if reset:
            self.message_user(
                request,
                _("The English text changed: its approved translations need review again."),
                messages.WARNING,
            )
