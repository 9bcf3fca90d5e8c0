from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico on a first visit; point them at the hashed static icon."""
    return redirect(static("img/favicon.svg"), permanent=True)
