"""Numbers read from a query string, where anyone can write anything."""

import re

# ASCII digits only: str.isdigit() also accepts "²" or "٣", which int() refuses or reads.
# At most 18 of them, so the number fits a 64-bit database column.
POSITIVE_INT = re.compile(r"0*[1-9][0-9]{0,17}")


def positive_int(value: str | None) -> int | None:
    """The whole number above zero that `value` spells in ASCII digits, or None."""
    if value and POSITIVE_INT.fullmatch(value):
        return int(value)
    return None
