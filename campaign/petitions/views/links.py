"""The pages behind the links in the campaign's e-mail.

GET only shows what the link is for and a button: mail scanners that open every link must not
confirm or withdraw anything. The POST acts, then redirects back to the GET (so a reload does
not post again), which now shows the outcome.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaign.petitions import signing
from campaign.petitions.models import Signature
from campaign.petitions.tokens import (
    LinkExpired,
    LinkInvalid,
    read_confirm_token,
    read_withdraw_token,
)


def link_problem(request, problem, status):
    return render(request, "campaign/link_problem.html", {"problem": problem}, status=status)


def find_signature(key):
    return Signature.objects.select_related("petition").filter(key=key).first()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        key = read_confirm_token(token)
    except LinkExpired:
        return link_problem(request, "expired", status=410)
    except LinkInvalid:
        return link_problem(request, "invalid", status=400)
    signature = find_signature(key)
    if signature is None:
        return link_problem(request, "gone", status=404)
    if request.method == "POST":
        if signature.state == Signature.State.PENDING and signature.petition.is_open():
            signing.confirm(signature)
        return redirect(request.path)
    return render(
        request,
        "campaign/confirm.html",
        {"signature": signature, "petition": signature.petition, "token": token},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, token):
    try:
        key = read_withdraw_token(token)
    except LinkInvalid:
        return link_problem(request, "invalid", status=400)
    signature = find_signature(key)
    if request.method == "POST":
        if signature is not None:
            signing.withdraw(signature)
        return redirect(f"{request.path}?done=1")
    if signature is None:
        problem = "withdrawn" if request.GET.get("done") else "gone"
        return link_problem(request, problem, status=200 if problem == "withdrawn" else 404)
    return render(
        request,
        "campaign/withdraw.html",
        {"signature": signature, "petition": signature.petition},
    )
