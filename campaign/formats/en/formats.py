# One English date style across the site, the one the memorial's texts are written in
# ("16 December 2011"); Django's default ("Dec. 16, 2011") would stand beside it on one page.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
