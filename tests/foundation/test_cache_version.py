"""Every cache key carries the release's fingerprint: entries stored by older code (which live on
in var/cache across restarts) are never served by an upgraded site."""

import shutil

from campaign.release import SERVED, code_fingerprint
from tests.foundation.test_settings import ROOT, run_manage

SHOW = "from django.conf import settings; print(settings.CACHES['default']['VERSION'])"
PAGE_KEY = (
    "from campaign.petitions.caching import page_key; from django.core.cache import cache; "
    "key = page_key('p', 'en')"
)


def test_the_fingerprint_changes_with_any_served_template(tmp_path):
    for top in SERVED:
        shutil.copytree(ROOT / top, tmp_path / top, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(tmp_path)
    assert code_fingerprint(tmp_path) == before
    template = tmp_path / "campaign/petitions/templates/campaign/petition_detail.html"
    template.write_text(template.read_text() + "\n")
    assert code_fingerprint(tmp_path) != before


def test_production_caches_are_versioned_by_the_code(tmp_path):
    env = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_VAR_DIR": str(tmp_path)}
    for extra in ({}, {"REDIS_URL": "redis://127.0.0.1:6379/0"}):
        result = run_manage("shell", "-c", SHOW, **env, **extra)
        assert result.returncode == 0, result.stderr
        assert int(result.stdout) == code_fingerprint(ROOT)


def test_a_page_stored_by_another_release_is_not_read_after_a_restart(tmp_path):
    env = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_VAR_DIR": str(tmp_path)}
    old = run_manage(
        "shell",
        "-c",
        f"{PAGE_KEY}; cache.set(key, 'STALE FORM', 600)",
        DJANGO_CACHE_VERSION="1",
        **env,
    )
    assert old.returncode == 0, old.stderr
    same_release = run_manage(
        "shell", "-c", f"{PAGE_KEY}; print(cache.get(key))", DJANGO_CACHE_VERSION="1", **env
    )
    assert same_release.stdout.strip() == "STALE FORM"
    upgraded = run_manage("shell", "-c", f"{PAGE_KEY}; print(cache.get(key))", **env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.strip() == "None"
