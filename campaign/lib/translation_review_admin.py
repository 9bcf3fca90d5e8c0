"""The review state of translations in the admin: columns, filters, actions, and a reset.

Mix `TranslationReviewAdminMixin` into the ModelAdmin of a `TranslationReviewed` model and
add `REVIEW_ACTIONS` to its `actions`. Each language of REVIEWED_LANGUAGES gets a column
(`ru_reviewed`) and an action (`mark_ru_reviewed`). Marking a translation reviewed writes one
admin LogEntry per record, so each record's history says who approved it and when. When an
editor changes the English text in the change form, the approved translations go back to
"needs native review": they no longer say what the English says.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from campaign.lib.translation_review import (
    REVIEWED_LANGUAGES,
    TEXTS,
    TranslationReview,
    review_field,
)

REVIEW_FIELDS = [review_field(language) for language in REVIEWED_LANGUAGES]
REVIEW_COLUMNS = [f"{language}_reviewed" for language in REVIEWED_LANGUAGES]
REVIEW_ACTIONS = [f"mark_{language}_reviewed" for language in REVIEWED_LANGUAGES]


def mark_reviewed(request: HttpRequest, queryset: QuerySet, language: str) -> int:
    """Approve `language` on the selected records not yet approved; one LogEntry each."""
    field = review_field(language)
    changed = list(queryset.exclude(**{field: TranslationReview.REVIEWED}))
    queryset.model.objects.filter(pk__in=[obj.pk for obj in changed]).update(
        **{field: TranslationReview.REVIEWED}
    )
    LogEntry.objects.log_actions(
        cast(int, request.user.pk), changed, CHANGE, str(TEXTS[language].logged)
    )
    return len(changed)


def review_column(language: str) -> Callable[[Any, Model], bool]:
    field = review_field(language)

    @admin.display(description=TEXTS[language].column, boolean=True, ordering=field)
    def reviewed(self: Any, obj: Model) -> bool:
        return getattr(obj, field) == TranslationReview.REVIEWED

    reviewed.__name__ = f"{language}_reviewed"
    return reviewed


def review_action(language: str) -> Callable[[Any, HttpRequest, QuerySet], None]:
    @admin.action(description=TEXTS[language].action, permissions=["change"])
    def mark(self: Any, request: HttpRequest, queryset: QuerySet) -> None:
        count = mark_reviewed(request, queryset, language)
        self.message_user(request, TEXTS[language].marked % {"count": count})

    mark.__name__ = f"mark_{language}_reviewed"
    return mark


if TYPE_CHECKING:
    MixinBase = admin.ModelAdmin
else:
    MixinBase = object


class TranslationReviewAdminMixin(MixinBase):
    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return [*super().get_list_display(request), *REVIEW_COLUMNS]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [*super().get_list_filter(request), *REVIEW_FIELDS]

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> list[Any]:
        """The review states after the texts they are about."""
        fields = [name for name in super().get_fields(request, obj) if name not in REVIEW_FIELDS]
        return [*fields, *REVIEW_FIELDS]

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        if change:
            self.reset_stale_reviews(request, obj, form)
        super().save_model(request, obj, form, change)

    def reset_stale_reviews(self, request: HttpRequest, obj: Any, form: Any) -> None:
        """A change to the English text sends approved translations back for review."""
        # modeltranslation sets `fields` on the options class when a model is registered.
        translated = translator.get_options_for_model(type(obj)).fields  # type: ignore[attr-defined]
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


for _language in REVIEWED_LANGUAGES:
    setattr(TranslationReviewAdminMixin, f"{_language}_reviewed", review_column(_language))
    setattr(TranslationReviewAdminMixin, f"mark_{_language}_reviewed", review_action(_language))
