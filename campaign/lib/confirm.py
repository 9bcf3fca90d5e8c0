"""Admin actions that ask first, and write what they did to the admin log.

    @admin.action(description=_("Reject as spam"), permissions=["change"])
    @confirm_first(affected=lambda rows: rows.exclude(state="rejected"))
    def reject(self, request, queryset): ...

The first POST from the change list renders a page stating how many rows are selected and
how many the action will change, with the selection carried in hidden fields; only the POST
from that page runs the action. The rows it was going to change are then recorded in the
admin log, one entry each, under the name of the action.
"""

import functools
from collections.abc import Callable

from django.contrib.admin import ModelAdmin, helpers
from django.contrib.admin.models import CHANGE
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from campaign.lib.audit import log_bulk

CONFIRMED = "confirmed"


def _everything(rows: QuerySet) -> QuerySet:
    return rows


def confirm_first(affected: Callable[[QuerySet], QuerySet] = _everything) -> Callable:
    def decorate(action: Callable) -> Callable:
        @functools.wraps(action)
        def wrapper(
            modeladmin: ModelAdmin, request: HttpRequest, queryset: QuerySet
        ) -> HttpResponseBase | None:
            description = getattr(wrapper, "short_description", action.__name__)
            changing = affected(queryset)
            if request.POST.get(CONFIRMED) != "yes":
                return confirmation_page(
                    modeladmin, request, queryset, changing, action.__name__, description
                )
            model = queryset.model
            ids = list(changing.values_list("pk", flat=True))
            response = action(modeladmin, request, queryset)
            log_bulk(request.user, (model(pk=pk) for pk in ids), CHANGE, description)
            return response

        return wrapper

    return decorate


def confirmation_page(
    modeladmin: ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    changing: QuerySet,
    name: str,
    description: str,
) -> TemplateResponse:
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Are you sure?"),
        "subtitle": description,
        "opts": opts,
        "app_label": opts.app_label,
        "action_name": name,
        "action_description": description,
        "selected_count": queryset.count(),
        "changing_count": changing.count(),
        "selected_ids": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across") == "1",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "confirmed_name": CONFIRMED,
    }
    return TemplateResponse(request, "admin/confirm_action.html", context)
