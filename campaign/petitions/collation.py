"""Alphabetical order of names as each language's readers expect it (CLDR collation).

pyuca implements the Unicode Collation Algorithm with its default table (DUCET), which is
CLDR's root order: right for English and Russian, which CLDR does not tailor (Å files under A,
Ё under Е). Kazakh is tailored: its alphabet puts Ұ before Ү and І as a letter of its own after
Ы, where DUCET files Ұ after Ү and І with И. The Kazakh key rewrites those letters before
collating: each is spelled as the letter it follows plus a character that collates after every
letter, so it sorts after all words with that letter and before the next letter. ICU would do
the same from CLDR's rules, but its Python bindings are a C++ build.
"""

import functools

import pyuca

# Cyrillic letters that look like Latin ones, on purpose:
# ruff: noqa: RUF001, RUF002

# A private-use character: UCA gives it an implicit weight above every assigned letter.
AFTER_EVERY_LETTER = "\U0010fffd"
KAZAKH_TAILORING = str.maketrans(
    {
        "Ұ": "Ү",
        "ұ": "ү",
        "Ү": "Ү" + AFTER_EVERY_LETTER,
        "ү": "ү" + AFTER_EVERY_LETTER,
        "І": "Ы" + AFTER_EVERY_LETTER,
        "і": "ы" + AFTER_EVERY_LETTER,
    }
)


@functools.cache
def collator():
    """pyuca's collator; it reads its table of 20,000 lines once, on first use."""
    return pyuca.Collator()


def sort_key(language):
    """A key function that orders strings alphabetically in `language` (en, ru or kk)."""
    key = collator().sort_key
    if language == "kk":
        return lambda text: key(text.translate(KAZAKH_TAILORING))
    return key
