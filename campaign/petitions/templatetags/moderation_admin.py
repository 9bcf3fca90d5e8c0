"""Template tags of the moderation admin: the queues on the admin index, and a date
drill-down that does not scan the table."""

import calendar
import datetime

from django import template
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaign.lib.moderation import index_queues

register = template.Library()


@register.inclusion_tag("admin/campaign/includes/queues.html", takes_context=True)
def moderation_queues(context):
    """What waits for a moderator, for the queues this user may see (campaign.lib.moderation):
    one count each, every one served by an index over the waiting rows only."""
    user = context["request"].user
    queues = [
        {"label": queue.label, "count": queue.count(), "url": queue.url()}
        for queue in index_queues(user)
    ]
    return {
        "queues": queues,
        "can_see_dashboard": user.has_perm("campaign.view_signature"),
        "can_invalidate": user.has_perm("campaign.change_signature"),
    }


@register.inclusion_tag("admin/date_hierarchy.html")
def calendar_hierarchy(cl):
    """Django's date drill-down, offering calendar periods instead of the dates present.

    Django's own asks the database for the first and last date and for every distinct year,
    month or day: scans of the whole table. This costs one primary-key lookup at the top
    level and nothing below it; a period without signatures simply shows an empty list.
    """
    field = cl.date_hierarchy
    params = {part: cl.params.get(f"{field}__{part}") for part in ("year", "month", "day")}
    today = timezone.localdate()

    def link(**filters):
        return cl.get_query_string(
            {f"{field}__{part}": value for part, value in filters.items()}, [f"{field}__"]
        )

    shown = {
        "show": True,
        "field_name": cl.model._meta.get_field(field).verbose_name,
        "back": None,
    }
    try:
        year, month, day = (int(params[p]) if params[p] else None for p in params)
    except ValueError:
        return {"show": False}
    if year and month and day:
        moment = datetime.date(year, month, day)
        shown["back"] = {
            "link": link(year=year, month=month),
            "title": capfirst(formats.date_format(moment, "YEAR_MONTH_FORMAT")),
        }
        shown["choices"] = [{"title": capfirst(formats.date_format(moment, "MONTH_DAY_FORMAT"))}]
    elif year and month:
        shown["back"] = {"link": link(year=year), "title": str(year)}
        last = calendar.monthrange(year, month)[1]
        if (year, month) == (today.year, today.month):
            last = today.day
        shown["choices"] = [
            {
                "link": link(year=year, month=month, day=d),
                "title": capfirst(
                    formats.date_format(datetime.date(year, month, d), "MONTH_DAY_FORMAT")
                ),
            }
            for d in range(1, last + 1)
        ]
    elif year:
        shown["back"] = {"link": link(), "title": _("All dates")}
        last = today.month if year == today.year else 12
        shown["choices"] = [
            {
                "link": link(year=year, month=m),
                "title": capfirst(
                    formats.date_format(datetime.date(year, m, 1), "YEAR_MONTH_FORMAT")
                ),
            }
            for m in range(1, last + 1)
        ]
    else:
        first = cl.model._default_manager.order_by("pk").values_list(field, flat=True).first()
        first_year = timezone.localtime(first).year if first else today.year
        shown["choices"] = [
            {"link": link(year=y), "title": str(y)} for y in range(first_year, today.year + 1)
        ]
    return shown
