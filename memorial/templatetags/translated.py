"""Translated content in the visitor's language, and honest about English stand-ins.

django-modeltranslation already falls back to English when a field is empty in the current
language. On a page these filters say so: the English text is wrapped in `lang="en"` (screen
readers switch voice; browsers hyphenate right) and followed by a short "not yet translated"
note in the visitor's language. Attributes (`<title>`, `alt`, meta descriptions) cannot hold
markup and keep modeltranslation's plain fallback.
"""

from django import template
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext
from modeltranslation.utils import build_localized_fieldname

from campaign.lib.translation_review import REVIEWED_LANGUAGES

register = template.Library()
ORIGINAL = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def own_value(obj, field, language):
    return getattr(obj, build_localized_fieldname(field, language), None) or ""


@register.filter
def untranslated(obj, field):
    """True when the field is empty in the visitor's language and shown in English."""
    language = get_language()
    if obj is None or language == ORIGINAL:
        return False
    return not own_value(obj, field, language) and bool(own_value(obj, field, ORIGINAL))


def note():
    return format_html(
        '<small class="untranslated-note">({})</small>', gettext("not yet translated")
    )


@register.filter
def translated(obj, field):
    """An inline field: its text, or the English one marked as such."""
    if obj is None:
        return ""
    if untranslated(obj, field):
        return format_html('<span lang="en">{}</span> {}', own_value(obj, field, ORIGINAL), note())
    return conditional_escape(getattr(obj, field) or "")


@register.filter
def translated_paragraphs(obj, field):
    """A multi-line field as paragraphs (like |linebreaks), the English one marked as such."""
    if obj is None:
        return ""
    if untranslated(obj, field):
        return format_html(
            '<p class="untranslated-note">{}</p><div lang="en">{}</div>',
            gettext("This text is not yet translated; here it is in English."),
            linebreaks_filter(own_value(obj, field, ORIGINAL), autoescape=True),
        )
    return linebreaks_filter(getattr(obj, field) or "", autoescape=True)


@register.filter
def translated_name(person):
    """`display_name` (which applies the naming level), in `lang="en"` when it is the Latin one."""
    name = person.display_name
    if person.visibility != person.Visibility.ANONYMOUS and untranslated(person, "name"):
        return format_html('<span lang="en">{}</span>', name)
    return conditional_escape(name)


def each_record(items):
    """The reviewed records in `items`, which may nest lists and (label, records) pairs."""
    for item in items:
        if hasattr(item, "needs_review"):
            yield item
        elif isinstance(item, list | tuple | QuerySet):
            # A queryset the page has already looped over iterates its cache: no query.
            yield from each_record(item)


@register.inclusion_tag("includes/translation_review_notice.html", takes_context=True)
def translation_review_notice(context, *records):
    """One discreet line when any record shown has a translation not yet reviewed.

    `records` are model instances or iterables of them (already loaded: no query is made).
    """
    language = get_language()
    pending = language in REVIEWED_LANGUAGES and any(
        obj.needs_review(language) for obj in each_record(records)
    )
    alternates = context.get("language_alternates") or []
    original_url = next((alt["url"] for alt in alternates if alt["code"] == ORIGINAL), "")
    return {"pending": pending, "original_url": original_url}
