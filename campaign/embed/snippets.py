"""The HTML a partner pastes, or an oEmbed consumer receives: one iframe and a plain link.

The oEmbed iframe keeps to the attributes WordPress lets through from a provider it does not
know (src, width, height, title, frameborder), so what WordPress shows is what we wrote. The
code pasted into any other site is fluid instead: as wide as the partner's column, up to ours.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from campaign.embed.options import DEFAULT_HEIGHT, DEFAULT_WIDTH


def absolute(path):
    return settings.SITE_URL + path


def title_in(lang, kind, petition=None):
    with translation.override(lang):
        if kind == "petition":
            return gettext("Petition: %(title)s") % {"title": petition.title}
        return gettext("Zhanaozen 2011: the memorial")


def page_link_in(lang):
    """The memorial's front page in that language: the link to paste into WordPress."""
    with translation.override(lang):
        return absolute(reverse("memorial:home"))


@dataclass(frozen=True)
class Snippet:
    src: str
    link: str
    title: str
    lang: str
    width: int
    height: int

    def fitted(self, maxwidth=None, maxheight=None):
        """Within the consumer's maximum size (oEmbed's maxwidth and maxheight)."""
        return replace(
            self,
            width=min(self.width, maxwidth or self.width),
            height=min(self.height, maxheight or self.height),
        )

    def partner_code(self, script_url):
        """A fluid iframe, and our optional script that resizes it to its content.

        The frame takes the width of the partner's column up to our width (a phone's column is
        narrower than 600 px), so its width is a style rather than an attribute; oEmbed keeps
        the attributes, which WordPress sizes by itself.
        """
        frame = render_to_string("embed/fluid_iframe.html", {"snippet": self}).strip()
        return f'{frame}\n<script async src="{escape(script_url)}"></script>'

    def oembed_html(self):
        """A fallback link first (WordPress shows it until the frame speaks), then the frame."""
        return render_to_string("embed/oembed.html", {"snippet": self}).strip()


def memorial_snippet(options, link=None):
    """The memorial embed; its fallback link goes to `link` (a page of ours) or the front page."""
    with translation.override(options.lang):
        link = link or absolute(reverse("memorial:home"))
        src = absolute(reverse("embed:memorial")) + "?" + options.query_string()
    return Snippet(
        src=src,
        link=link,
        title=title_in(options.lang, "memorial"),
        lang=options.lang,
        width=DEFAULT_WIDTH,
        height=DEFAULT_HEIGHT["memorial"],
    )


def petition_snippet(petition, options):
    with translation.override(options.lang):
        link = absolute(petition.get_absolute_url())
        path = reverse("embed:petition", kwargs={"slug": petition.slug})
        src = absolute(path) + "?" + options.query_string("petition")
    return Snippet(
        src=src,
        link=link,
        title=title_in(options.lang, "petition", petition),
        lang=options.lang,
        width=DEFAULT_WIDTH,
        height=DEFAULT_HEIGHT["petition"],
    )
