"""`manage.py release_cache`, the cache step of `make deploy-check`."""

from io import StringIO

from django.core.management import call_command


def run(monkeypatch, settings, pinned=None):
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "VERSION": 42}}
    if pinned:
        monkeypatch.setenv("DJANGO_CACHE_VERSION", pinned)
    else:
        monkeypatch.delenv("DJANGO_CACHE_VERSION", raising=False)
    out, err = StringIO(), StringIO()
    call_command("release_cache", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_version_every_host_must_share(monkeypatch, settings):
    out, err = run(monkeypatch, settings)

    assert "version 42: " in out
    assert "nothing needs clearing" in out
    assert err == ""


def test_a_pinned_version_is_called_out(monkeypatch, settings):
    out, err = run(monkeypatch, settings, pinned="7")

    assert out == ""
    assert "DJANGO_CACHE_VERSION pins the keys' version at 7" in err
