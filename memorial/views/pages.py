"""The memorial's reading pages: thin views over memorial.queries."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import patch_cache_control

from memorial import queries
from memorial.candles import candle_count, generation
from memorial.models import CountClaim, Event, Harm, Person, Source
from memorial.pagecache import cached_page


def can_preview(request, model):
    """Editors may look at unpublished records before they go public, in a session their
    second factor verified (as the admin requires)."""
    user = request.user
    return (
        user.is_authenticated
        and user.is_verified()
        and user.has_perm(f"memorial.view_{model._meta.model_name}")
    )


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@cached_page(extra_versions=[generation])
def home(request):
    claims = list(queries.public_claims().filter(counted=CountClaim.Counted.KILLED))
    return render(
        request,
        "memorial/home.html",
        {
            "events": queries.featured_events(),
            "claims": claims,
            "groups": queries.group_people(queries.people_list()),
            "unnamed": queries.unnamed_dead(),
            "candle_count": candle_count(),
        },
    )


@cached_page()
def timeline(request):
    preview = request.GET.get("preview") == "1" and can_preview(request, Event)
    response = render(
        request,
        "memorial/timeline.html",
        {"events": queries.timeline_events(include_unpublished=preview), "preview": preview},
    )
    return private(response) if preview else response


@cached_page(allowed_params={"harm": queries.FILTER_KINDS})
def people(request):
    harm = request.GET.get("harm", "")
    if harm not in queries.FILTER_KINDS:
        harm = ""
    search = request.GET.get("q", "").strip()[:100]
    groups = queries.group_people(queries.people_list(harm=harm or None, search=search))
    # The unnamed dead belong in the list only where the dead are listed in full.
    show_unnamed = not search and harm in ("", Harm.Kind.KILLED)
    return render(
        request,
        "memorial/people.html",
        {
            "groups": groups,
            "harm": harm,
            "harm_kinds": [(kind, Harm.Kind(kind).label) for kind in queries.FILTER_KINDS],
            "search": search,
            "unnamed": queries.unnamed_dead() if show_unnamed else None,
            "found": sum(len(group.members) for group in groups),
        },
    )


@cached_page()
def person_detail(request, slug):
    person = queries.person_detail(slug)
    preview = False
    if person is None and can_preview(request, Person):
        person = queries.person_detail(slug, include_unpublished=True)
        preview = person is not None
    if person is None:
        raise Http404("No such person")
    response = render(
        request,
        "memorial/person_detail.html",
        {"person": person, "harms": queries.sort_harms(person.harms.all()), "preview": preview},
    )
    return private(response) if preview else response


@cached_page()
def figures(request):
    claims = queries.public_claims()
    by_counted = {}
    for claim in claims:
        by_counted.setdefault(claim.counted, []).append(claim)
    groups = [
        (label, by_counted[value])
        for value, label in CountClaim.Counted.choices
        if value in by_counted
    ]
    return render(
        request,
        "memorial/figures.html",
        {"groups": groups, "unnamed": queries.unnamed_dead(), "grades": CountClaim.Grade.choices},
    )


@cached_page()
def sources(request):
    return render(
        request,
        "memorial/sources.html",
        {"sources": Source.objects.public(), "kinds": Source.Kind.choices},
    )
