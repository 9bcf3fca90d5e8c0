"""The two set-ups every journey runs on, each started as production starts it.

Each host is gunicorn with campaign/gunicorn_conf.py and campaign.settings (DEBUG off,
collected static files behind the manifest storage), through tests/campaign/live_gunicorn.py.

- embedded: what `make run` serves: one host, SQLite in a temporary DJANGO_VAR_DIR, DiskCache
  in its cache/ folder, e-mail sent inside the request;
- scaleout: the README's production set-up: two hosts sharing a fresh PostgreSQL database and
  Redis (under a key prefix of its own), DJANGO_TASKS_BACKEND=database, and one
  `manage.py db_worker` sending the queued e-mail.

Both send their mail over SMTP to the journeys' sink. SITE_URL, the address in the e-mails,
is the first host's: it stands for the one public address a load balancer would have, so a
visitor who signed on the second host confirms on the first.
"""

import secrets
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from tests.campaign.live_gunicorn import live_gunicorn, postgres_database
from tests.scaleout.services import POSTGRES, REDIS, redis_prefix, require_postgres_and_redis

# Counts, the petition page and count.json are cached this long; a short window lets the
# journeys see a change "within the cache window" in a second or two.
CACHE_SECONDS = 1
# Not the default, as a careful deployment has it; the journeys find the admin through it.
ADMIN_PATH = "moderation-desk/"
JOURNEY_ENV = {
    "CAMPAIGN_COUNT_CACHE_SECONDS": str(CACHE_SECONDS),
    # Every visitor here comes from 127.0.0.1, so the per-client limit (10 forms a minute)
    # would count all the journeys' signers as one client; in life they are many.
    "CAMPAIGN_SIGN_BURST_LIMIT": "200",
    "DJANGO_ADMIN_PATH": ADMIN_PATH,
}


@dataclass
class Site:
    topology: str
    hosts: list
    slug: str

    @property
    def public_url(self):
        """SITE_URL: where the links in the e-mails and in the embed code point."""
        return self.hosts[0].env["SITE_URL"]

    def host(self, n):
        """The n-th host, round robin: visitors alternate between the hosts that there are."""
        return self.hosts[n % len(self.hosts)].url

    def manage(self, *args, env=None):
        return self.hosts[0].manage(*args, env=env)

    def python(self, code):
        return self.hosts[0].python(code)

    def confirmed_count(self):
        """The exact count from the database, as a baseline that no cache can make stale."""
        code = (
            "from campaign.petitions.models import Petition;"
            f"print(Petition.objects.get(slug={self.slug!r}).exact_count())"
        )
        return int(self.python(code))

    def signatures_held(self):
        """Signature rows of the petition in any state: one per person who ever signed."""
        code = (
            "from campaign.petitions.models import Signature;"
            f"print(Signature.objects.filter(petition__slug={self.slug!r}).count())"
        )
        return int(self.python(code))


def load_content(server):
    """What `make run` loads: the shipped memorial and petition. Returns the petition's slug."""
    server.manage("load_memorial")
    server.manage("load_petition")
    return server.python(
        "from campaign.petitions.models import Petition; print(Petition.objects.get().slug)"
    ).strip()


@contextmanager
def embedded_site(mail_env):
    env = {**JOURNEY_ENV, **mail_env}
    # database_url="" is SQLite whatever DATABASE_URL the test process has.
    with live_gunicorn(workers=3, env=env, database_url="") as server:
        yield Site("embedded", [server], load_content(server))


@contextmanager
def scaleout_site(mail_env):
    require_postgres_and_redis("the scale-out journeys")
    with ExitStack() as stack:
        prefix = stack.enter_context(redis_prefix("journeys"))
        database_url = stack.enter_context(postgres_database(POSTGRES))
        env = {
            **JOURNEY_ENV,
            **mail_env,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS,
            "DJANGO_CACHE_PREFIX": prefix,
            "DJANGO_TASKS_BACKEND": "database",
        }

        def start_host(**extra):
            return stack.enter_context(
                live_gunicorn(
                    workers=2,
                    env={**env, **extra},
                    database_url=database_url,
                    shared_database=True,
                )
            )

        first = start_host()
        second = start_host(SITE_URL=first.url)
        stack.enter_context(first.background("db_worker", "--no-startup-delay"))
        yield Site("scaleout", [first, second], load_content(first))
