"""Preview cards: the image a messenger or a social network shows beside a shared link.

One 1200 by 630 PNG per page and language, drawn here with Pillow in the site's own Noto Serif
(campaign.lib.fonts, which holds the Kazakh letters a system font may lack). The texts come
from the site's content and catalogs only: the memorial's title and date, the petition's title
and its count.

The petition's count is drawn rounded down to a step that grows with it (tens below a
thousand, hundreds below ten thousand, and so on), and the card's address carries that rounded
figure. Signatures within a step share one image, in the cache and in every network's cache;
crossing a step gives a new address, which the page (itself cached only seconds) links at once.
"""

import io
from dataclasses import dataclass
from functools import cache as memoise

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from PIL import Image, ImageDraw, ImageFont

from campaign.lib import fonts
from campaign.petitions.models import Petition

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
PAPER = "#fbfaf7"
INK = "#1d1f21"
ACCENT = "#8a1c1c"
MUTED = "#51565b"
TITLE_SIZES = (76, 68, 60, 52, 46, 40)
FOOTER_SIZES = (34, 30, 26)
FOOTER_HEIGHT = 130
GAP = 30
# A card changes only with the code (the cache's version), a petition edit or a step.
CARD_SECONDS = 7 * 24 * 3600


def count_step(count: int) -> int:
    """10 below 1,000, then a hundredth of the count's power of ten: two significant figures."""
    return max(10, 10 ** (len(str(max(count, 0))) - 2))


def shown_count(count: int) -> int:
    """The count as a card shows it: rounded down to its step (0 below ten: no figure)."""
    return count // count_step(count) * count_step(count)


@dataclass(frozen=True)
class CardText:
    """What a card says, top to bottom."""

    kicker: str
    title: str
    footer: str


def memorial_text() -> CardText:
    """The memorial's title with the date, and its call, in the active language."""
    return CardText(
        kicker=gettext("Zhanaozen 2011"),
        title=gettext("Zhanaozen, 16 December 2011"),
        footer=gettext(
            "Who fired the shots? Who gave the order? An independent international inquiry is"
            " still owed to the victims."
        ),
    )


def petition_text(petition: Petition, shown: int) -> CardText:
    """The date, the petition's title and its rounded count, in the active language."""
    if shown:
        footer = ngettext(
            "At least %(count)s confirmed signature",
            "At least %(count)s confirmed signatures",
            shown,
        ) % {"count": intcomma(shown)}
    else:
        footer = gettext("Sign the petition")
    return CardText(
        kicker=gettext("Zhanaozen, 16 December 2011"), title=petition.title, footer=footer
    )


@memoise
def font(size: int, weight: int = 400) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.ttf_path(weight=weight)), size)


def wrapped(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fitted(text: str, sizes: tuple[int, ...], width: int, height: int, weight: int = 400):
    """The largest size at which `text` fits the box, or the smallest, cut with an ellipsis."""
    for size in sizes:
        face = font(size, weight)
        lines = wrapped(text, face, width)
        if len(lines) * line_height(face) <= height:
            return face, lines
    keep = max(1, height // line_height(face))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] += " …"
    return face, lines


def line_height(face: ImageFont.FreeTypeFont) -> int:
    return int(face.size * 1.25)


def render(text: CardText) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    draw.text((MARGIN, MARGIN - 20), text.kicker, font=font(36), fill=ACCENT)
    footer, footer_lines = fitted(text.footer, FOOTER_SIZES, width, FOOTER_HEIGHT)
    y = HEIGHT - MARGIN + 20 - len(footer_lines) * line_height(footer)
    footer_top = y
    for line in footer_lines:
        draw.text((MARGIN, y), line, font=footer, fill=MUTED)
        y += line_height(footer)
    title_top = MARGIN + 50
    title, title_lines = fitted(
        text.title, TITLE_SIZES, width, footer_top - GAP - title_top, weight=700
    )
    y = title_top
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title, fill=INK)
        y += line_height(title)
    output = io.BytesIO()
    # No text chunks, no timestamp: the same texts always give the same bytes.
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def cached_png(key: str, text: CardText) -> bytes:
    png = cache.get(key)
    if png is None:
        png = render(text)
        cache.set(key, png, CARD_SECONDS)
    return png


def memorial_png(language: str) -> bytes:
    with translation.override(language):
        return cached_png(f"sharing:card:memorial:{language}", memorial_text())


def petition_png(petition: Petition, shown: int, language: str) -> bytes:
    # The edit time is in the key: a corrected title is drawn at once, whatever the step.
    edited = petition.updated_at.timestamp()
    key = f"sharing:card:petition:{petition.slug}:{edited}:{language}:{shown}"
    with translation.override(language):
        return cached_png(key, petition_text(petition, shown))


def memorial_card_url(language: str) -> str:
    return settings.SITE_URL + reverse("sharing:memorial_card", kwargs={"language": language})


def petition_card_url(petition: Petition, count: int, language: str) -> str:
    kwargs = {"language": language, "slug": petition.slug, "shown": shown_count(count)}
    return settings.SITE_URL + reverse("sharing:petition_card", kwargs=kwargs)
