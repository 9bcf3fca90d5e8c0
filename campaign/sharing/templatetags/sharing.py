from django import template
from django.urls import reverse
from django.utils.translation import get_language, gettext

from campaign.sharing import cards
from campaign.sharing.links import absolute, share_links

register = template.Library()


def meta(url: str, text: cards.CardText) -> dict:
    return {
        "url": url,
        "alt": f"{text.title}. {text.footer}",
        "width": cards.WIDTH,
        "height": cards.HEIGHT,
    }


@register.inclusion_tag("sharing/share_links.html")
def petition_share_links(petition):
    """The petition's share links, its address in the current language (the one the page was
    reached in) and a short text in that language."""
    url = absolute(petition.get_absolute_url())
    title = petition.title
    text = gettext("Sign the petition: %(title)s") % {"title": title}
    return {
        "url": url,
        "text": text,
        "title": title,
        "links": share_links(url, text, title),
        "poster_url": reverse("petition_poster", kwargs={"slug": petition.slug}),
    }


@register.inclusion_tag("sharing/card_meta.html")
def memorial_card_meta():
    """The memorial's preview card, for every page that names no other."""
    text = cards.memorial_text()
    return meta(cards.memorial_card_url(get_language()), text)


@register.inclusion_tag("sharing/card_meta.html")
def petition_card_meta(petition, count):
    """The petition's card for `count`, the figure the page itself shows."""
    text = cards.petition_text(petition, cards.shown_count(count))
    url = cards.petition_card_url(petition, count, get_language())
    return meta(url, text)
