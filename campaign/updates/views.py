"""The unsubscribe link of every update (RFC 8058).

A mail program's "Unsubscribe" button POSTs `List-Unsubscribe=One-Click` to this address
without cookies, so the view is exempt from CSRF: the signed token in the path is what
authorises it, and the worst a forged POST can do is what the link's owner asked for. GET
only shows a button, since mail scanners open every link they find.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from campaign.petitions.models import Signature
from campaign.updates import sending
from campaign.updates.tokens import LinkInvalid, read_unsubscribe_token


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        key = read_unsubscribe_token(token)
    except LinkInvalid:
        return render(request, "campaign/link_problem.html", {"problem": "invalid"}, status=400)
    signature = Signature.objects.select_related("petition").filter(key=key).first()
    petition = signature.petition if signature else None
    if request.method == "POST":
        sending.unsubscribe(key)
        # The answer itself, not a redirect: a mail program posting for its user expects 200.
        return render(request, "updates/unsubscribe.html", {"petition": petition, "done": True})
    done = signature is None or not signature.wants_updates
    return render(request, "updates/unsubscribe.html", {"petition": petition, "done": done})
