"""The public reads of the memorial, each a fixed number of queries whatever the row count."""

from dataclasses import dataclass

from django.db.models import Max, Prefetch
from django.db.models.functions import Coalesce

from memorial.models import Citation, CountClaim, Event, Harm, NameVariant, Person

# The order of gravity in which a person's harms are listed, and under which group of the
# people page a person appears (the gravest harm the sources record).
HARM_ORDER = [
    Harm.Kind.KILLED,
    Harm.Kind.DIED_IN_CUSTODY,
    Harm.Kind.WOUNDED,
    Harm.Kind.TORTURED,
    Harm.Kind.SEXUAL_VIOLENCE,
    Harm.Kind.IMPRISONED,
    Harm.Kind.DETAINED,
]


def public_citations():
    return Prefetch("citations", queryset=Citation.objects.public())


def timeline_events(include_unpublished=False):
    events = Event.objects.all() if include_unpublished else Event.objects.public()
    return events.prefetch_related(public_citations())


def featured_events():
    return Event.objects.public().filter(featured=True).prefetch_related(public_citations())


def public_claims():
    return CountClaim.objects.public().prefetch_related(public_citations())


def people_list(harm=None, search=None):
    """Public people with their harms, optionally filtered by a harm kind or a spelling."""
    people = Person.objects.public().search(search)
    if harm:
        people = people.with_harm(harm)
    return people.prefetch_related(Prefetch("harms", queryset=Harm.objects.order_by("date")))


def person_detail(slug, include_unpublished=False):
    """One person with harms, spellings and citations, or None (four queries)."""
    people = Person.objects.all() if include_unpublished else Person.objects.public()
    harms = Harm.objects.prefetch_related(public_citations())
    return (
        people.filter(slug=slug)
        .prefetch_related(
            Prefetch("harms", queryset=harms),
            Prefetch("variants", queryset=NameVariant.objects.select_related("source")),
            public_citations(),
        )
        .first()
    )


def sort_harms(harms):
    return sorted(harms, key=lambda harm: HARM_ORDER.index(harm.kind))


def group_by_gravest_harm(people):
    """[(kind, [person, ...]), ...] in HARM_ORDER; each person once, under the gravest harm."""
    groups = {kind: [] for kind in HARM_ORDER}
    for person in people:
        harms = sort_harms(person.harms.all())
        person.sorted_harms = harms
        if harms:
            groups[harms[0].kind].append(person)
    return [(kind, members) for kind, members in groups.items() if members]


@dataclass
class UnnamedDead:
    """The gap between the official death toll and the dead the sources name."""

    reference: CountClaim | None
    named: int
    places: int
    highest_official: int
    later_places: int

    @property
    def place_numbers(self):
        return range(1, self.places + 1)

    @property
    def later_place_numbers(self):
        return range(1, self.later_places + 1)


def unnamed_dead():
    """Derived from the claim editors mark as reference (the official 16) and any higher
    official figure (the later 17); the named dead are public people recorded as killed."""
    reference = (
        CountClaim.objects.public()
        .filter(is_unnamed_reference=True)
        .prefetch_related(public_citations())
        .first()
    )
    named = Person.objects.public().with_harm(Harm.Kind.KILLED).count()
    if reference is None or reference.low is None:
        return UnnamedDead(reference, named, 0, 0, 0)
    highest = CountClaim.objects.official_deaths().aggregate(highest=Max(Coalesce("high", "low")))[
        "highest"
    ]
    highest = max(highest or 0, reference.low)
    places = max(reference.low - named, 0)
    later = max(highest - max(reference.low, named), 0)
    return UnnamedDead(reference, named, places, highest, later)
