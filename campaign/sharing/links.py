"""Share links built on the server: plain addresses of each network's own share page.

No SDK, script, image or frame from those hosts is put in a page, so nothing is fetched from
them, and they learn nothing, until the visitor clicks. The links depend only on the page and
the language, never on the visitor: the petition page that carries them is stored once and
served to everyone (campaign.lib.sharedpages).
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.translation import gettext


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str
    # E-mail opens the visitor's own mail program, not a page: no new tab for it.
    new_tab: bool = True
    # The networks' names are Latin-script brands, read as such whatever the page's language.
    label_language: str | None = "en"


def query(**params: str) -> str:
    # %20 rather than +: mail programs and some apps show a + literally.
    return urlencode(params, quote_via=quote)


def share_links(url: str, text: str, subject: str) -> list[ShareLink]:
    """The links that share `url` with `text` (and `subject` for e-mail), in order."""
    return [
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + query(url=url, text=text)),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + query(text=f"{text} {url}")),
        ShareLink("vk", "VK", "https://vk.com/share.php?" + query(url=url, title=text)),
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=url)
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + query(text=text, url=url)),
        ShareLink(
            "email",
            gettext("E-mail"),
            "mailto:?" + query(subject=subject, body=f"{text}\n\n{url}"),
            new_tab=False,
            label_language=None,
        ),
    ]


def absolute(path: str) -> str:
    return settings.SITE_URL + path
