"""The site's own font as one TrueType file per style, for Pillow (preview cards) and the PDFs.

The site self-hosts Noto Serif only as WOFF2 subsets (static/fonts/noto-serif: latin, cyrillic,
cyrillic-ext), which a browser picks by unicode-range but Pillow and a PDF cannot use. Here the
three subsets of a style are decompressed and merged (fontTools.merge) into one TTF holding
every Latin, Russian and Kazakh letter. The merge takes about half a second, so the result is
kept on disk under VAR_DIR/fonts, named after a digest of the source files: every worker on the
machine reuses it, and changed sources make a new file rather than a stale one.
"""

import hashlib
import io
import os
import tempfile
from functools import cache
from pathlib import Path

from django.conf import settings
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont

SOURCE_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "noto-serif"
SUBSETS = ("latin", "cyrillic", "cyrillic-ext")
STYLES = {(400, False): "400-normal", (400, True): "400-italic", (700, False): "700-normal"}

# What every built font must draw: the Russian alphabet and the letters Kazakh adds to it.
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
RUSSIAN_LETTERS = "".join(map(chr, range(0x410, 0x450))) + "Ёё"


def sources(weight: int = 400, italic: bool = False) -> list[Path]:
    try:
        style = STYLES[(weight, italic)]
    except KeyError:
        wanted = (weight, italic)
        raise ValueError(f"Noto Serif is self-hosted in {sorted(STYLES)}, not {wanted}") from None
    return [SOURCE_DIR / f"noto-serif-{subset}-{style}.woff2" for subset in SUBSETS]


@cache
def ttf_path(weight: int = 400, italic: bool = False) -> Path:
    """The merged TTF of Noto Serif in this weight and style, built on first use."""
    files = sources(weight, italic)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    style = STYLES[(weight, italic)]
    target = Path(settings.VAR_DIR) / "fonts" / f"noto-serif-{style}-{digest.hexdigest()[:16]}.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a worker never reads a file another is still writing.
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
            tmp.write(merged(files))
        os.replace(tmp.name, target)
    return target


def merged(files: list[Path]) -> bytes:
    """One TTF from WOFF2 subsets of one style. The STAT table (the variable axes' names) is
    dropped: the merger cannot combine it, and a single static style does not need it."""
    decompressed = []
    for path in files:
        font = TTFont(path)
        font.flavor = None
        buffer = io.BytesIO()
        font.save(buffer)
        buffer.seek(0)
        decompressed.append(buffer)
    font = Merger(options=Options(drop_tables=["STAT"])).merge(decompressed)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()
