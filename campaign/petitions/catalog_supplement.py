"""Django's own messages that our catalogs (locale/) translate again, so makemessages keeps them.

Django's Kazakh catalog is only about 60% translated: "Enter a valid email address.", the
length limits and the null-character message are missing, so a Kazakh signer would read them
in English. Catalogs in LOCALE_PATHS take precedence over Django's, so listing the msgids
here puts them in ours, where they are translated for Kazakh and Russian alike. Nothing
evaluates these objects; tests/i18n checks that each one is translated.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# Every validation message the signing, candle and correction forms can show.
FORM_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    # The empty choice of a select (new in Django 6.1, in none of its catalogs yet).
    gettext_noop("- Select an option -"),
)
FORM_PLURAL_MESSAGES = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)

# The month inside a full date (the "E" format character of DATE_FORMAT). Russian needs the
# genitive ("16 декабря"); Kazakh writes the month in lower case inside a date
# ("2011 ж. 16 желтоқсан"), where Django's catalog capitalises it.
MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
