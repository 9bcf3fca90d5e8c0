"""The self-hosted Noto Serif merged into one TTF per style (campaign.lib.fonts)."""

import string

import pytest
from fontTools.ttLib import TTFont
from PIL import ImageFont

from campaign.lib import fonts

STYLES = [(400, False), (400, True), (700, False)]


@pytest.mark.parametrize(("weight", "italic"), STYLES)
def test_each_style_draws_latin_russian_and_kazakh(weight, italic):
    font = TTFont(fonts.ttf_path(weight=weight, italic=italic))
    cmap = font.getBestCmap()
    wanted = string.ascii_letters + string.digits + fonts.RUSSIAN_LETTERS + fonts.KAZAKH_LETTERS
    assert [letter for letter in wanted if ord(letter) not in cmap] == []
    # A real outline behind the Kazakh letters, not an empty glyph.
    glyphs = font["glyf"]
    for letter in fonts.KAZAKH_LETTERS:
        assert glyphs[cmap[ord(letter)]].numberOfContours != 0, letter
    assert font["OS/2"].usWeightClass == weight


def test_the_file_is_built_once_and_named_after_its_sources():
    path = fonts.ttf_path()
    fonts.ttf_path.cache_clear()
    built = path.stat().st_mtime_ns
    assert fonts.ttf_path() == path
    assert path.stat().st_mtime_ns == built
    assert path.suffix == ".ttf" and "400-normal" in path.name


def test_pillow_renders_kazakh_with_it():
    font = ImageFont.truetype(str(fonts.ttf_path(700)), 40)
    # Ә is drawn, not the font's empty box: it is as wide as a glyph, not zero.
    assert font.getlength("Әә") > 20


def test_a_style_the_site_does_not_ship_is_refused():
    with pytest.raises(ValueError, match="self-hosted"):
        fonts.ttf_path(weight=700, italic=True)
