# Django ships no Kazakh formats, so dates and numbers would fall back to the English order
# ("Dec. 16, 2011", "1,234"). Kazakh writes the day first and groups digits with a space.
DATE_FORMAT = "Y ж. j E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y ж. j E, H:i"
# "E" is the month as written inside a date, lower case in our catalog ("2011 ж. желтоқсан").
YEAR_MONTH_FORMAT = "Y ж. E"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
