from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from campaign.petitions import stats
from campaign.petitions.models import Petition
from campaign.sharing import cards
from campaign.sharing import poster as posters

# A card's address names its language and, for a petition, its rounded count: what it shows
# changes only with a title edit, so browsers and networks may keep it for a day.
CARD_MAX_AGE = 24 * 3600
# The old address of a petition card that a stored page or a network still holds: it moves
# on to the current one, which a shared cache should look up again soon.
MOVED_MAX_AGE = 300


def png(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="image/png")
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE)
    return response


@require_safe
def memorial_card(request, language):
    return png(cards.memorial_png(language))


@require_safe
def petition_card(request, language, slug, shown):
    """The card for the petition's current rounded count. Any other count in the address
    moves to the current one: a card never shows a figure the petition has not reached."""
    petition = get_object_or_404(Petition.objects.public(), slug=slug)
    current = cards.shown_count(stats.petition_stats(petition)["total"])
    if shown != current:
        response = redirect("sharing:petition_card", language=language, slug=slug, shown=current)
        patch_cache_control(response, public=True, max_age=MOVED_MAX_AGE)
        return response
    return png(cards.petition_png(petition, current, language))


@require_safe
def poster(request, slug):
    """The A4 poster in the language of the address, for anyone to print."""
    petition = get_object_or_404(Petition.objects.public(), slug=slug)
    response = HttpResponse(
        posters.poster_pdf(petition, get_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-{get_language()}.pdf"'
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE)
    return response
