"""Corrections of the records an earlier release shipped (issue 14).

A migration of its own: on PostgreSQL, rows changed in a transaction leave deferred
foreign-key checks pending, and a table with pending checks cannot be altered in the same
transaction (the constraint comes in 0006).
"""

from django.db import migrations

# Records of the earlier release whose natural key named a wrong fact (a date, a place, a
# count of the injured that counted the dead): renamed so that `load_memorial --refresh`
# corrects them in place instead of shipping a second, right record beside the wrong one.
RENAMES = [
    ("Source", "key", "reuters-2011-12-18", "reuters-2011-12-17"),
    ("Source", "key", "opendemocracy-2018", "kostyuchenko-2018"),
    ("CountClaim", "slug", "later-official-17", "officials-killed-17"),
    ("CountClaim", "slug", "kostyuchenko-at-least-64-shot", "kostyuchenko-at-least-64-dead"),
    ("Event", "slug", "shetpe-station", "shooting-in-shetpe"),
]


def correct_shipped_records(apps, schema_editor):
    """Corrections a database loaded from an earlier release needs whatever `load_memorial`
    does: it never changes publication or what a harm discloses, by design (editors decide).

    - Sexual violence is shown only where the person spoke of it publicly herself: Roza
      Tuletaeva, in open court. Everyone else's is kept for editors.
    - Zhansaule Karabalaeva: the sources conflict (People & Nature names her among women
      detainees in 2021; RFE/RL reported her found dead in August 2011, during the strike).
      Her entry is withdrawn from public pages until an editor decides, and the shipped
      "detained" record, which presented her as a December 2011 detainee, is removed.
    - The official 17 (16 on 16 December and Torebek Tolegenov in Shetpe on the 17th) is
      the reference for the places of the unnamed dead, not the 16.
    - One Azattyq report was shipped twice under two keys; its citations join the one kept.
    """
    Person = apps.get_model("memorial", "Person")
    Harm = apps.get_model("memorial", "Harm")
    Source = apps.get_model("memorial", "Source")
    Citation = apps.get_model("memorial", "Citation")
    CountClaim = apps.get_model("memorial", "CountClaim")

    sexual_violence = Harm.objects.filter(kind="sexual_violence")
    sexual_violence.filter(person__slug="roza-tuletaeva").update(disclosure="own_account")
    sexual_violence.exclude(person__slug="roza-tuletaeva").update(disclosure="editors_only")

    Person.objects.filter(slug="zhansaule-karabalaeva").update(published=False)
    Harm.objects.filter(person__slug="zhansaule-karabalaeva", kind="detained").delete()

    for model_name, field, old, new in RENAMES:
        model = apps.get_model("memorial", model_name)
        if not model.objects.filter(**{field: new}).exists():
            model.objects.filter(**{field: old}).update(**{field: new})

    reference = CountClaim.objects.filter(slug="officials-killed-17")
    if reference.exists():
        CountClaim.objects.exclude(slug="officials-killed-17").update(is_unnamed_reference=False)
        reference.update(is_unnamed_reference=True)

    duplicate = Source.objects.filter(key="azattyq-death-toll").first()
    kept = Source.objects.filter(key="azattyq-2025").first()
    if duplicate and kept:
        for citation in Citation.objects.filter(source=duplicate):
            target = {
                name: getattr(citation, f"{name}_id")
                for name in ("event", "person", "harm", "claim")
                if getattr(citation, f"{name}_id")
            }
            if Citation.objects.filter(source=kept, **target).exists():
                citation.delete()
            else:
                citation.source = kept
                citation.save(update_fields=["source"])
        duplicate.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("memorial", "0004_harm_disclosure_event_position"),
    ]

    operations = [
        migrations.RunPython(correct_shipped_records, migrations.RunPython.noop),
    ]
