"""The public reads of the memorial, each a fixed number of queries whatever the row count."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from memorial.models import Citation, CountClaim, Event, Harm, NameVariant, Person

# The order of gravity in which a person's harms are listed on their page.
HARM_ORDER = [
    Harm.Kind.KILLED,
    Harm.Kind.DIED_IN_CUSTODY,
    Harm.Kind.WOUNDED,
    Harm.Kind.TORTURED,
    Harm.Kind.SEXUAL_VIOLENCE,
    Harm.Kind.IMPRISONED,
    Harm.Kind.DETAINED,
]

# The people page and the home page list the dead first, on their own, then the wounded,
# then those detained, tried or jailed. Each group names the harms that place a person in it,
# in the order in which the first one found opens the person's entry (its place and date).
PEOPLE_GROUPS = [
    ("dead", [Harm.Kind.KILLED, Harm.Kind.DIED_IN_CUSTODY]),
    ("wounded", [Harm.Kind.WOUNDED]),
    (
        "detained",
        [Harm.Kind.IMPRISONED, Harm.Kind.TORTURED, Harm.Kind.SEXUAL_VIOLENCE, Harm.Kind.DETAINED],
    ),
]

# The harms a visitor may filter the people by: never sexual violence, which must not
# gather names under it.
FILTER_KINDS = [kind for kind in HARM_ORDER if kind != Harm.Kind.SEXUAL_VIOLENCE]


def public_citations() -> Prefetch:
    return Prefetch("citations", queryset=Citation.objects.public())


def timeline_events(include_unpublished: bool = False) -> QuerySet[Event]:
    events = Event.objects.all() if include_unpublished else Event.objects.public()
    return events.prefetch_related(public_citations())


def featured_events() -> QuerySet[Event]:
    return Event.objects.public().filter(featured=True).prefetch_related(public_citations())


def public_claims() -> QuerySet[CountClaim]:
    return CountClaim.objects.public().prefetch_related(public_citations())


def people_list(harm: str | None = None, search: str | None = None) -> QuerySet[Person]:
    """Public people with their public harms, optionally filtered by a harm kind or a spelling."""
    people = Person.objects.public().search(search)
    if harm:
        people = people.with_harm(harm)
    return people.prefetch_related(
        Prefetch("harms", queryset=Harm.objects.public().order_by("date"))
    )


def person_detail(slug: str, include_unpublished: bool = False) -> Person | None:
    """One person with harms, spellings and citations, or None (four queries).

    An editor's preview shows every harm, with those kept for editors among them."""
    people = Person.objects.all() if include_unpublished else Person.objects.public()
    harms = Harm.objects.all() if include_unpublished else Harm.objects.public()
    return (
        people.filter(slug=slug)
        .prefetch_related(
            Prefetch("harms", queryset=harms.prefetch_related(public_citations())),
            Prefetch("variants", queryset=NameVariant.objects.select_related("source")),
            public_citations(),
        )
        .first()
    )


def sort_harms(harms: Iterable[Harm]) -> list[Harm]:
    return sorted(harms, key=lambda harm: HARM_ORDER.index(Harm.Kind(harm.kind)))


class PeopleGroup(NamedTuple):
    """A heading's key and its people; a tuple, so the translation-review notice reads the
    people and the harms that open their entries (memorial.templatetags.translated)."""

    key: str
    members: list
    opening_harms: list


def group_people(people: Iterable[Person]) -> list[PeopleGroup]:
    """[PeopleGroup, ...] in PEOPLE_GROUPS order, empty groups left out.

    Each person appears once, in the first group one of their harms belongs to, with
    `sorted_harms` and `opening_harm` (the harm whose place, date and description open the
    entry). Within a group the entries follow the dates of those harms, undated ones last.
    """
    groups: dict[str, list[Person]] = {key: [] for key, _kinds in PEOPLE_GROUPS}
    for person in people:
        person.sorted_harms = sort_harms(person.harms.all())
        kinds = {harm.kind: harm for harm in person.sorted_harms}
        for key, group_kinds in PEOPLE_GROUPS:
            opening = next((kinds[kind] for kind in group_kinds if kind in kinds), None)
            if opening is not None:
                person.opening_harm = opening
                groups[key].append(person)
                break
    for members in groups.values():
        members.sort(key=entry_order)
    return [
        PeopleGroup(key, members, [person.opening_harm for person in members])
        for key, members in groups.items()
        if members
    ]


def entry_order(person: Person) -> tuple[bool, datetime.date, str]:
    date = person.opening_harm.date
    return (date is None, date or datetime.date.min, person.name_en or person.slug)


@dataclass
class UnnamedDead:
    """The gap between the official death toll and the dead the sources name."""

    reference: CountClaim | None
    named: int
    places: int

    @property
    def place_numbers(self) -> range:
        return range(1, self.places + 1)


def unnamed_dead() -> UnnamedDead | None:
    """The places for the dead whose names are not recorded here.

    Computed from the claim editors mark as reference (the official 17: 16 killed on
    16 December and Torebek Tolegenov in Shetpe the next day) and the named dead: public
    people with a public record of being killed.
    """
    reference = (
        CountClaim.objects.public()
        .filter(is_unnamed_reference=True)
        .prefetch_related(public_citations())
        .first()
    )
    named = Person.objects.public().with_harm(Harm.Kind.KILLED).count()
    if reference is None or reference.low is None:
        return UnnamedDead(reference, named, 0)
    return UnnamedDead(reference, named, max(reference.low - named, 0))
