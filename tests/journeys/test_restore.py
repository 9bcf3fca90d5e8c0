"""Restoring a backup on a real site: sign and confirm, back up, sign more, stop the site,
restore, start it again, and a visitor whose signature the restore undid signs and confirms.

Each set-up is started here, not through the shared `site` fixture: this journey stops its
site, which the other journeys must not see. Starts are on the same database (and, embedded,
the same DJANGO_VAR_DIR, its DiskCache included; scale-out, the same Redis prefix), with the
same secret key, as a restart of the services would be.
"""

import secrets
import shutil
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.campaign.live_gunicorn import (
    LiveServer,
    base_environment,
    collected_static,
    live_gunicorn,
    postgres_database,
)
from tests.journeys.counts import assert_count_everywhere
from tests.journeys.sites import JOURNEY_ENV, Site, load_content
from tests.journeys.visitors import Visitor, address, sign_and_confirm
from tests.scaleout.services import POSTGRES, REDIS, redis_prefix, require_postgres_and_redis

pytestmark = [pytest.mark.browser, pytest.mark.live_server_process]


@contextmanager
def state_of(topology, mail):
    """(environment, database_url) that every start of the site shares."""
    var_dir = Path(tempfile.mkdtemp(prefix="restore-journey-"))
    env = {
        **JOURNEY_ENV,
        **mail.env,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_VAR_DIR": str(var_dir),
        "DJANGO_BACKUP_DIR": str(var_dir / "backups"),
    }
    scratch = var_dir / "scratch"
    collector = LiveServer("", {**base_environment(), **env, "DJANGO_VAR_DIR": str(scratch)}, None)
    # live_gunicorn links the collected files into a folder of its own; ours needs them too.
    (var_dir / "static").symlink_to(collected_static(collector), target_is_directory=True)
    try:
        with ExitStack() as stack:
            if topology == "embedded":
                yield env, ""
                return
            require_postgres_and_redis("the scale-out restore journey")
            env["REDIS_URL"] = REDIS
            env["DJANGO_CACHE_PREFIX"] = stack.enter_context(redis_prefix("restore"))
            env["DJANGO_TASKS_BACKEND"] = "database"
            yield env, stack.enter_context(postgres_database(POSTGRES))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


@contextmanager
def started(env, database_url, slug=None):
    with live_gunicorn(
        workers=2, env=env, database_url=database_url, shared_database=bool(database_url)
    ) as server:
        if slug is None:
            slug = load_content(server)
        site = Site("restored", [server], slug)
        if database_url:
            with server.background("db_worker", "--no-startup-delay"):
                yield site
        else:
            yield site


@pytest.mark.parametrize("topology", ["embedded", "scaleout"])
def test_a_site_restored_from_its_backup_counts_and_confirms(topology, mail, browser):
    visitors = []

    def visitor(site):
        context = browser.new_context()
        visitors.append(context)
        return Visitor(context.new_page(), site, site.host(0))

    undone = address("undone.by.restore")
    try:
        with state_of(topology, mail) as (env, database_url):
            with started(env, database_url) as site:
                slug = site.slug
                sign_and_confirm(visitor(site), mail, name="Before Backup", email=address("kept"))
                in_snapshot = site.confirmed_count()
                site.manage("backup")
                (snapshot,) = Path(env["DJANGO_BACKUP_DIR"]).glob("backup-*.tar")
                sign_and_confirm(visitor(site), mail, name="After Backup", email=undone)
                assert site.confirmed_count() == in_snapshot + 1

            site.manage("restore", "--noinput", str(snapshot))

            with started(env, database_url, slug) as site:
                assert site.confirmed_count() == in_snapshot
                again = visitor(site)
                again.open_petition()
                again.sign_successfully(name="After Backup", email=undone)
                again.confirm(mail.wait_for(undone, count=2)[-1])
                assert_count_everywhere(site, again, in_snapshot + 1)
    finally:
        for context in visitors:
            context.close()
