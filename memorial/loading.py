"""Load the shipped memorial content (memorial/content/*.json) into the database.

Records are found by their natural key (source key, event and person slug, claim slug,
harm kind per person, spelling per person, source per cited record), so loading twice
creates nothing new. By default a record that already exists is left as the editors made
it; `refresh=True` rewrites its texts from the files, and the sources it cites with what each
is cited for. Editorial state (published, consent, naming level, whether a harm is shown) is
set only when a record is first created, never overwritten: a person whose consent was
withdrawn stays hidden however often the content is loaded, and so does a record shipped
unpublished until an editor decides. Corrections a release must make to existing databases
whatever the editors did are data migrations (memorial/migrations).
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from campaign.lib.translation_review import REVIEWED_LANGUAGES, TranslationReview, review_field
from memorial.models import (
    Citation,
    CountClaim,
    DatePrecision,
    Event,
    Harm,
    NameVariant,
    Person,
    Source,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def count(self, model, created):
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1


def parse_partial_date(text):
    """'2011' -> (2011-01-01, year), '2011-05' -> (2011-05-01, month), full ISO -> day."""
    if not text:
        return None, DatePrecision.DAY
    parts = [int(part) for part in text.split("-")]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    parts += [1] * (3 - len(parts))
    return datetime.date(*parts), precision


def translated(name, values):
    """{'en': ..., 'ru': ...} -> {'name_en': ..., 'name_ru': ...}"""
    missing = [code for code in LANGUAGES if code not in values]
    if missing:
        raise ValueError(f"{name} lacks the languages {missing}")
    return {f"{name}_{code}": values[code] for code in LANGUAGES}


def read(name):
    return json.loads((CONTENT_DIR / f"{name}.json").read_text(encoding="utf-8"))


class Loader:
    def __init__(self, refresh=False):
        self.refresh = refresh
        self.report = LoadReport()
        self.sources = {}

    def save(self, model, lookup, content, initial=None):
        """Create the record, or refresh its content; `initial` only applies on creation."""
        manager = model.objects
        if self.refresh:
            content = {**content, **self.stale_reviews(model, lookup, content)}
            obj, created = manager.update_or_create(
                **lookup, defaults=content, create_defaults={**content, **(initial or {})}
            )
        else:
            obj, created = manager.get_or_create(**lookup, defaults={**content, **(initial or {})})
        if created or self.refresh:
            self.report.count(model, created)
        return obj

    def stale_reviews(self, model, lookup, content):
        """Rewritten translations are the shipped, machine-assisted ones: not reviewed."""
        existing = model.objects.filter(**lookup).first()
        if existing is None or not hasattr(existing, "needs_review"):
            return {}
        return {
            review_field(language): TranslationReview.MACHINE
            for language in REVIEWED_LANGUAGES
            if any(
                getattr(existing, name) != value
                for name, value in content.items()
                if name.endswith(f"_{language}")
            )
        }

    def cite(self, citations, **target):
        """Cite each source for the fact it gives ({"key": ..., "for": {language: fact}})."""
        for citation in citations:
            source = self.sources[citation["key"]]
            self.save(Citation, {"source": source, **target}, translated("note", citation["for"]))
        if self.refresh:
            cited = [self.sources[citation["key"]] for citation in citations]
            Citation.objects.filter(**target).exclude(source__in=cited).delete()

    def load_sources(self):
        for row in read("sources"):
            published_on, precision = parse_partial_date(row["published_on"])
            content = {
                "title": row["title"],
                "publisher": row["publisher"],
                "author": row["author"],
                "url": row["url"],
                "published_on": published_on,
                "date_precision": precision,
                "language": row["language"],
                "kind": row["kind"],
                **translated("note", row["note"]),
            }
            self.sources[row["key"]] = self.save(
                Source, {"key": row["key"]}, content, {"published": True}
            )

    def load_events(self):
        # The file lists events as they happened: its order settles events of one date.
        for position, row in enumerate(read("events")):
            date, precision = parse_partial_date(row["date"])
            end_date, _precision = parse_partial_date(row.get("end_date", ""))
            content = {
                "date": date,
                "date_precision": precision,
                "end_date": end_date,
                "position": position,
                "featured": row["featured"],
                **translated("title", row["title"]),
                **translated("place", row["place"]),
                **translated("summary", row["summary"]),
                **translated("body", row.get("body", dict.fromkeys(LANGUAGES, ""))),
            }
            event = self.save(Event, {"slug": row["slug"]}, content, {"published": True})
            self.cite(row["sources"], event=event)

    def load_claims(self):
        for row in read("claims"):
            stated_on, precision = parse_partial_date(row["stated_on"])
            content = {
                "position": row["position"],
                "counted": row["counted"],
                "low": row["low"],
                "high": row["high"],
                "claimant_kind": row["claimant_kind"],
                "grade": row["grade"],
                "stated_on": stated_on,
                "date_precision": precision,
                **translated("claimant", row["claimant"]),
                **translated("words", row["words"]),
                **translated("scope", row["scope"]),
                **translated("summary", row["summary"]),
            }
            initial = {"published": True, "is_unnamed_reference": row["is_unnamed_reference"]}
            claim = self.save(CountClaim, {"slug": row["slug"]}, content, initial)
            self.cite(row["sources"], claim=claim)

    def load_people(self):
        for row in read("people"):
            content = {
                "age": row["age"],
                **translated("name", row["name"]),
                **translated("occupation", row["occupation"]),
                **translated("home_town", row["home_town"]),
                **translated("biography", row["biography"]),
            }
            initial = {
                "published": row["published"],
                "consent": row["consent"],
                "visibility": row["visibility"],
            }
            person = self.save(Person, {"slug": row["slug"]}, content, initial)
            self.cite(row["sources"], person=person)
            for variant in row["variants"]:
                source = self.sources[variant["source"]] if variant["source"] else None
                self.save(
                    NameVariant,
                    {"person": person, "spelling": variant["spelling"]},
                    {"script": variant["script"], "source": source},
                )
            for harm_row in row["harms"]:
                self.load_harm(person, harm_row)

    def load_harm(self, person, row):
        date, precision = parse_partial_date(row["date"] or "")
        content = {
            "date": date,
            "date_precision": precision,
            **translated("place", row["place"]),
            **translated("description", row["description"]),
        }
        initial = {"disclosure": row["disclosure"]}
        harm = self.save(Harm, {"person": person, "kind": row["kind"]}, content, initial)
        self.cite(row["sources"], harm=harm)


def load_memorial(refresh=False):
    loader = Loader(refresh=refresh)
    with transaction.atomic():
        loader.load_sources()
        loader.load_events()
        loader.load_claims()
        loader.load_people()
    return loader.report
