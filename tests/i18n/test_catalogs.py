"""The gettext catalogs: complete, compiled, current, and right about plurals."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from campaign.petitions import catalog_supplement

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
# The plural rules Russian and Kazakh catalogs must declare (Russian: one, few, many).
PLURAL_FORMS = {
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "kk": "nplurals=2; plural=(n != 1);",
}
# The command of `make messages` (Makefile), run into a copy of the tree.
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "ru",
    "-l",
    "kk",
    "--no-obsolete",
    "--add-location",
    "file",
    "--ignore=var",
    "--ignore=tests",
    "--ignore=bench",
]


def language_of(path):
    return path.parent.parent.name


def entry_key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_there_is_a_catalog_for_each_language():
    assert {language_of(path) for path in CATALOGS} == {"ru", "kk"}
    assert {path.name for path in CATALOGS} >= {"django.po"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: f"{language_of(path)}/{path.name}")
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    catalog = polib.pofile(str(path))
    assert not catalog.metadata_is_fuzzy
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    assert catalog.obsolete_entries() == []
    nplurals = int(PLURAL_FORMS[language_of(path)].split(";")[0].split("=")[1])
    for entry in catalog:
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            assert sorted(forms) == list(range(nplurals)), entry.msgid
            assert all(forms.values()), entry.msgid
    assert len(catalog) > 900


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: f"{language_of(path)}/{path.name}")
def test_catalog_header_declares_the_language_and_its_plural_rule(path):
    catalog = polib.pofile(str(path))
    language = language_of(path)
    assert catalog.metadata["Language"] == language
    assert catalog.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: f"{language_of(path)}/{path.name}")
def test_committed_mo_file_matches_its_po_file(path):
    """The .mo is what Django reads on a machine without GNU gettext: it must say the same."""
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run make messages"

    def view(catalog):
        return {
            entry_key(entry): (
                dict(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            )
            for entry in catalog
            if entry.msgid  # the header
        }

    source, binary = polib.pofile(str(path)), polib.mofile(str(compiled))
    assert view(binary) == view(source)
    assert binary.metadata["Plural-Forms"] == source.metadata["Plural-Forms"]


def makemessages_available():
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return True
    if os.environ.get("CI"):
        pytest.fail("GNU gettext is missing; CI must run the makemessages check.")
    pytest.skip("GNU gettext (xgettext) is not installed: makemessages check skipped")
    return False


def test_makemessages_finds_no_string_missing_from_the_catalogs(tmp_path):
    """Every marked string of the code is in the catalogs, and the catalogs hold no stale one."""
    makemessages_available()
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "tree"
    shutil.copytree(
        base,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "__pycache__", "*.pyc", ".*cache", ".hypothesis", "media"
        ),
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(copy),
    }
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    for path in CATALOGS:
        regenerated = copy / path.relative_to(base)
        before = {entry_key(entry) for entry in polib.pofile(str(path))}
        after = {entry_key(entry) for entry in polib.pofile(str(regenerated))}
        assert after - before == set(), f"new strings for {path}: run make messages"
        assert before - after == set(), f"stale strings in {path}: run make messages"


def test_no_javascript_needs_a_catalog_of_its_own():
    """Scripts carry no gettext calls; their texts come from the templates (data attributes).
    Should one ever call gettext, a djangojs catalog per language becomes necessary."""
    base = Path(settings.BASE_DIR)
    scripts = [
        path
        for path in base.rglob("*.js")
        if not {".venv", "var", "node_modules"} & set(path.relative_to(base).parts)
    ]
    assert scripts
    uses_gettext = [path for path in scripts if "gettext(" in path.read_text(encoding="utf-8")]
    for path in uses_gettext:
        for language in ("ru", "kk"):
            assert (LOCALE / language / "LC_MESSAGES" / "djangojs.po").exists(), path


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_djangos_own_form_messages_are_translated(language):
    """Django's Kazakh catalog lacks these; ours supplies them for both languages."""
    with translation.override(language):
        for message in catalog_supplement.FORM_MESSAGES:
            assert gettext(message) != message, message
        for lazy in catalog_supplement.FORM_PLURAL_MESSAGES:
            text = lazy % {"limit_value": 5, "show_value": 7}
            assert "5" in text and "7" in text and "Ensure" not in text


def test_month_names_inside_dates_read_naturally():
    with translation.override("en"):
        months = [str(month) for month in catalog_supplement.MONTHS_IN_DATES]
    assert months[11] == "December"
    with translation.override("kk"):
        kazakh = [pgettext("alt. month", month) for month in months]
    with translation.override("ru"):
        russian = [pgettext("alt. month", month) for month in months]
    assert kazakh[11] == "желтоқсан" and all(name == name.lower() for name in kazakh)
    assert russian[11] == "декабря" and russian[4] == "мая"


def test_russian_plural_forms_follow_the_three_form_rule():
    expected = {
        1: "1 подтверждённая подпись",
        2: "2 подтверждённые подписи",
        4: "4 подтверждённые подписи",
        5: "5 подтверждённых подписей",
        11: "11 подтверждённых подписей",
        12: "12 подтверждённых подписей",
        21: "21 подтверждённая подпись",
        22: "22 подтверждённые подписи",
        25: "25 подтверждённых подписей",
        111: "111 подтверждённых подписей",
    }
    with translation.override("ru"):
        for number, text in expected.items():
            singular, plural = "%(counter)s confirmed signature", "%(counter)s confirmed signatures"
            assert ngettext(singular, plural, number) % {"counter": number} == text
