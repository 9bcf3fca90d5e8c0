from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from memorial.models import Harm, Source

register = template.Library()

# Headings of the people page's groups (the model's labels are for single harms).
HARM_GROUP_LABELS = {
    Harm.Kind.KILLED: _("Killed"),
    Harm.Kind.DIED_IN_CUSTODY: _("Died in custody"),
    Harm.Kind.WOUNDED: _("Wounded"),
    Harm.Kind.TORTURED: _("Tortured in detention"),
    Harm.Kind.SEXUAL_VIOLENCE: _("Subjected to sexual violence in detention"),
    Harm.Kind.IMPRISONED: _("Imprisoned"),
    Harm.Kind.DETAINED: _("Detained"),
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


@register.filter
def harm_group_label(kind):
    return HARM_GROUP_LABELS.get(kind, kind)


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
