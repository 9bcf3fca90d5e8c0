"""Dates known only to the month or the year, as the sources give them, in each language.

Full dates use the language's DATE_FORMAT ("16 December 2011"). A month with its year, a year
alone and a range are written here from translated patterns, because no format setting can
say them: Russian names a month without a day in the nominative and in lower case, but inside
a date in the genitive; Kazakh puts the year first; and a range writes what its two ends share
(the month, the year) once.
"""

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


# A month named without a day ("May 2011"): Russian and Kazakh write it in the nominative and
# in lower case; a page capitalises it where it starts a line.
MONTHS_WITHOUT_DAY = (
    pgettext_lazy("month without a day", "January"),
    pgettext_lazy("month without a day", "February"),
    pgettext_lazy("month without a day", "March"),
    pgettext_lazy("month without a day", "April"),
    pgettext_lazy("month without a day", "May"),
    pgettext_lazy("month without a day", "June"),
    pgettext_lazy("month without a day", "July"),
    pgettext_lazy("month without a day", "August"),
    pgettext_lazy("month without a day", "September"),
    pgettext_lazy("month without a day", "October"),
    pgettext_lazy("month without a day", "November"),
    pgettext_lazy("month without a day", "December"),
)


def month_name(value):
    return str(MONTHS_WITHOUT_DAY[value.month - 1])


def month_in_date(value):
    """The month as written inside a full date: genitive in Russian ("декабря")."""
    return formats.date_format(value, "E")


def format_partial_date(value, precision):
    """The date as precisely as it is known: '16 December 2011', 'May 2011' or '2011'."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return pgettext("a year alone", "%(year)s") % {"year": value.year}
    if precision == DatePrecision.MONTH:
        return pgettext("a month and its year", "%(month)s %(year)s") % {
            "month": month_name(value),
            "year": value.year,
        }
    return formats.date_format(value, "DATE_FORMAT")


def format_date_range(start, end, precision):
    """A range such as '16-18 December 2011' (with an en dash), in the visitor's language.

    What the two ends share (the month, the year) is written once; ends in different years
    are two whole dates.
    """
    if end is None or end == start:
        return format_partial_date(start, precision)
    if start.year != end.year:
        first, last = format_partial_date(start, precision), format_partial_date(end, precision)
        return f"{first} \u2013 {last}"
    if precision == DatePrecision.YEAR:
        return format_partial_date(start, precision)
    if precision == DatePrecision.MONTH:
        return pgettext("months of one year", "%(first)s–%(last)s %(year)s") % {  # noqa: RUF001
            "first": month_name(start),
            "last": month_name(end),
            "year": end.year,
        }
    if start.month == end.month:
        return pgettext(
            "days of one month",
            "%(first_day)s–%(last_day)s %(month)s %(year)s",  # noqa: RUF001
        ) % {
            "first_day": start.day,
            "last_day": end.day,
            "month": month_in_date(end),
            "year": end.year,
        }
    return pgettext(
        "days in two months of one year",
        "%(first_day)s %(first_month)s – %(last_day)s %(last_month)s %(year)s",  # noqa: RUF001
    ) % {
        "first_day": start.day,
        "first_month": month_in_date(start),
        "last_day": end.day,
        "last_month": month_in_date(end),
        "year": end.year,
    }


def iso_partial_date(value, precision):
    """ISO 8601 reduced precision ('2011', '2011-05', '2011-12-16') for open data and <time>."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
