"""The options of an embed, read from its query string and written back in one canonical order.

The query string is the proxies' cache key, so every option is validated against a short list
and anything unknown falls back to its default: a typo can neither break the embed nor fill
caches with variants.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
THEMES = {
    "light": _("Light"),
    "dark": _("Dark"),
    "auto": _("Follow the reader's system setting"),
}
SECTIONS = {
    "all": _("Everything"),
    "people": _("The names and the candles"),
    "figures": _("The figures and who gives them"),
    "timeline": _("The timeline"),
}

# The frame's size when nobody says otherwise; WordPress then resizes it from our messages.
DEFAULT_WIDTH = 600
DEFAULT_HEIGHT = {"memorial": 700, "petition": 260}


def _choice(value, allowed, default):
    value = (value or "").strip().lower()
    return value if value in allowed else default


@dataclass(frozen=True)
class EmbedOptions:
    lang: str = settings.LANGUAGE_CODE
    theme: str = "light"
    section: str = "all"

    @classmethod
    def from_query(cls, query):
        return cls(
            lang=_choice(query.get("lang"), LANGUAGES, cls.lang),
            theme=_choice(query.get("theme"), THEMES, cls.theme),
            section=_choice(query.get("section"), SECTIONS, cls.section),
        )

    def with_lang(self, lang):
        return replace(self, lang=_choice(lang, LANGUAGES, self.lang))

    def query_string(self, kind="memorial"):
        """Options in a fixed order; the petition embed has no sections."""
        params = {"lang": self.lang, "theme": self.theme}
        if kind == "memorial":
            params["section"] = self.section
        return urlencode(params)

    def shows(self, section):
        return self.section in ("all", section)

    @property
    def shows_people(self):
        return self.shows("people")

    @property
    def shows_figures(self):
        return self.shows("figures")

    @property
    def shows_timeline(self):
        return self.shows("timeline")
