"""Cleaning of the text visitors type (signatures, candles, correction requests)."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Invisible characters that reorder or hide text: they let a name display as something else.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def clean_text(value: str, allowed: frozenset[str] = frozenset()) -> str:
    """NFC form; refuse control, private-use, unassigned and direction-override characters."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} or char in BIDI_CONTROLS:
            raise ValidationError(
                _("Please remove the invisible or control characters from this field."),
                code="control_characters",
            )
    return value.strip()


class VisitorTextField(forms.CharField):
    """One line a visitor typed, cleaned by `clean_text` before its length is checked (the
    NFC form of a text can be longer than the text)."""

    allowed_controls: frozenset[str] = frozenset()

    def to_python(self, value: object) -> str | None:
        value = super().to_python(value)
        return clean_text(value, self.allowed_controls) if value else value


class VisitorParagraphField(VisitorTextField):
    """Text in a textarea: line breaks are kept."""

    allowed_controls = frozenset("\n")
