"""The open data: published records only, as rows of plain values, for JSON and CSV.

Every translated text appears in each language (name_en, name_ru, name_kk). People come from
Person.objects.public(), so a withdrawn or unpublished person is never exported, and nor are
their harms; a harm kept for editors (the care rule for sexual violence) is never exported.
"""

import csv
import io

from django.conf import settings

from memorial import queries
from memorial.models import Harm, Person, Source

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "note": (
        "Our compilation and texts may be reused with attribution to the Zhanaozen 2011 "
        "memorial. The documents cited remain their publishers'."
    ),
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def translations(obj, name):
    return {code: getattr(obj, f"{name}_{code}") or "" for code in LANGUAGES}


def source_keys(obj):
    return [citation.source.key for citation in obj.citations.all()]


def event_rows():
    for event in queries.timeline_events():
        yield {
            "slug": event.slug,
            "date": event.date_iso,
            "date_precision": event.date_precision,
            "end_date": event.end_date_iso,
            "title": translations(event, "title"),
            "place": translations(event, "place"),
            "summary": translations(event, "summary"),
            "sources": source_keys(event),
        }


def person_rows():
    people = queries.people_list().prefetch_related(queries.public_citations())
    for person in people:
        full = person.visibility == person.Visibility.FULL
        yield {
            "slug": person.slug,
            "name": translations(person, "name") if full else dict.fromkeys(LANGUAGES, ""),
            "name_shown": str(person.display_name),
            "age": person.age,
            "harms": [harm.kind for harm in queries.sort_harms(person.harms.all())],
            "biography": translations(person, "biography"),
            "sources": source_keys(person),
        }


def harm_rows():
    harms = (
        Harm.objects.public()
        .filter(person__in=Person.objects.public())
        .select_related("person")
        .prefetch_related(queries.public_citations())
        .order_by("person__slug", "date", "pk")
    )
    for harm in harms:
        yield {
            "person": harm.person.slug,
            "kind": harm.kind,
            "date": harm.date_iso,
            "date_precision": harm.date_precision if harm.date else "",
            "place": translations(harm, "place"),
            "description": translations(harm, "description"),
            "sources": source_keys(harm),
        }


def claim_rows():
    for claim in queries.public_claims():
        yield {
            "slug": claim.slug,
            "counted": claim.counted,
            "low": claim.low,
            "high": claim.high,
            "words": translations(claim, "words"),
            "claimant": translations(claim, "claimant"),
            "claimant_kind": claim.claimant_kind,
            "stated_on": claim.date_iso,
            "scope": translations(claim, "scope"),
            "grade": claim.grade,
            "sources": source_keys(claim),
        }


def source_rows():
    for source in Source.objects.public():
        yield {
            "key": source.key,
            "title": source.title,
            "publisher": source.publisher,
            "author": source.author,
            "published_on": source.date_iso,
            "language": source.language,
            "kind": source.kind,
            "url": source.url,
            "archived_url": source.archived_url,
            "note": translations(source, "note"),
        }


DATASETS = {
    "events": event_rows,
    "people": person_rows,
    "harms": harm_rows,
    "claims": claim_rows,
    "sources": source_rows,
}

# Characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def flatten(row):
    """Nested values become columns: {'name': {'en': ..}} -> name_en; lists join with ';'."""
    flat = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for code, text in value.items():
                flat[f"{key}_{code}"] = text
        elif isinstance(value, list):
            flat[key] = ";".join(value)
        else:
            flat[key] = "" if value is None else value
    return flat


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(rows):
    rows = [flatten(row) for row in rows]
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return out.getvalue()
