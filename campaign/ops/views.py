from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from campaign.ops import figures


def ops_page(request, site):
    """The ops page: the admin site's login and second factor let staff in (admin_view),
    and only superusers see it, as the figures concern the whole installation."""
    if not request.user.is_superuser:
        raise PermissionDenied
    context = {
        **site.each_context(request),
        "title": _("Operations"),
        "figures": figures.collect(),
    }
    return TemplateResponse(request, "admin/ops/page.html", context)
