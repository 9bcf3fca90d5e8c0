import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from campaign.petitions.views.petitions import public_cache, public_petition
from campaign.tally import chain

# The chain grows once a day (record_tally, early morning): an hour old is fresh enough.
MAX_AGE = 3600


@require_safe
def tally_json(request, slug):
    """The chain with its rule, for anyone to check with their own code; as count.json, open
    to scripts on other sites."""
    body = json.dumps(chain.published(public_petition(slug)), indent=1)
    response = HttpResponse(body, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return public_cache(response, MAX_AGE)


@require_safe
def tally_page(request, slug):
    petition = public_petition(slug)
    entries = list(petition.tally_entries.order_by("-date"))
    response = render(
        request,
        "tally/tally.html",
        {
            "petition": petition,
            "entries": entries,
            # What the snippets on the page fetch: the full address, so they run as copied.
            "json_url": settings.SITE_URL + reverse("tally:json", kwargs={"slug": slug}),
        },
    )
    return public_cache(response, MAX_AGE)
