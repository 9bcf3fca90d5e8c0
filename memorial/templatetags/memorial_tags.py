from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from memorial.models import Source

register = template.Library()

# Headings of the groups of people (memorial.queries.PEOPLE_GROUPS).
GROUP_LABELS = {
    "dead": _("The dead"),
    "wounded": _("The wounded"),
    "detained": _("Detained, tried or jailed"),
}

SOURCE_KIND_HELP = {
    Source.Kind.PRESS: _("News reporting by independent media and wire services."),
    Source.Kind.OFFICIAL: _("Statements by the Kazakh authorities: the state's own account."),
    Source.Kind.UN_NGO: _("United Nations bodies and human rights organisations."),
    Source.Kind.CAMPAIGN: _(
        "Campaigning sources, which argue for justice for the victims: read them as advocacy."
    ),
    Source.Kind.TESTIMONY: _("Accounts by witnesses and survivors."),
}


# What a source's entry says, once and in plain words, about what we have not recorded.
MISSING_DETAILS = {
    ("title",): _("Its headline is not recorded here."),
    ("date",): _("Its date is not recorded here."),
    ("url",): _("We have no web address for it."),
    ("title", "date"): _("Its headline and date are not recorded here."),
    ("title", "url"): _("Its headline is not recorded here, and we have no web address for it."),
    ("date", "url"): _("Its date is not recorded here, and we have no web address for it."),
    ("title", "date", "url"): _(
        "Its headline and date are not recorded here, and we have no web address for it."
    ),
}


@register.filter
def group_label(key):
    return GROUP_LABELS.get(key, key)


@register.filter
def missing_details(source):
    missing = tuple(
        name
        for name, value in (
            ("title", source.title),
            ("date", source.published_on),
            ("url", source.url),
        )
        if not value
    )
    return MISSING_DETAILS.get(missing, "")


@register.filter
def full_stop_after(text):
    """The full stop that ends a sentence after `text`, unless `text` already ends one (a
    Russian date ends with the abbreviation of the word for year, a title with "?")."""
    return "" if str(text).endswith((".", "?", "!", "\u2026")) else "."


@register.filter
def source_kind_help(kind):
    return SOURCE_KIND_HELP.get(kind, "")


@register.simple_tag
def petition_url():
    """The petitions page, or its plain path while the campaign's URLs are not there."""
    try:
        return reverse("campaign:petition_list")
    except NoReverseMatch:
        return f"/{get_language() or 'en'}/petitions/"
