"""Where a signature's time goes, in one process: `.venv/bin/python bench/signature_costs.py`.

With the production settings (`bench.settings`) on a fresh PostgreSQL database and Redis (the
scale-out set-up; `--sqlite` for the default), it:

1. signs: each of --count visitors GETs the minimal view and then the petition page in a
   WebTest browser of its own (both timed) and submits the form as rendered (every input, as
   bench/run.py's visitors do) through Django's WSGI handler; the POSTs are timed, and the SQL
   statements and Redis round trips each made are counted;
2. mails: `manage.py db_worker --batch` sends the e-mails those signatures queued to an SMTP
   sink on loopback, and is timed.

`--profile` adds cProfile's costliest functions for each. Nothing runs concurrently, so the
times are CPU plus round trips on an idle machine: run it when the machine is quiet.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, ROOT, manage
from bench.mail import smtp_sink
from bench.stack import base_env, drop_postgres, postgres_env


def report_profile(profile, top):
    import pstats

    pstats.Stats(profile).sort_stats("tottime").print_stats(top)


def sign(count, with_profile):
    """In a configured Django: the visitors sign; prints what each POST cost."""
    import cProfile

    import redis
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from webtest import TestApp

    site = get_wsgi_application()

    from campaign.petitions.models import Petition

    petition = Petition.objects.public().first()

    def browser(n):
        # A browser of its own (its own cookies) from an address of its own, behind the proxy.
        return TestApp(
            site,
            lint=False,
            extra_environ={
                "HTTP_HOST": "127.0.0.1",
                "HTTP_X_REAL_IP": f"10.9.{n // 250}.{n % 250 + 1}",
            },
        )

    browsers = [browser(n) for n in range(count)]
    started = time.perf_counter()
    for each in browsers:
        each.get("/bench/minimal/")
    minimal = (time.perf_counter() - started) / count
    # Timed apart from reading the forms, which is slow enough that the page would be
    # rendered again (every CAMPAIGN_COUNT_CACHE_SECONDS) far more often than under load.
    started = time.perf_counter()
    pages = [each.get(petition.get_absolute_url()) for each in browsers]
    loading = time.perf_counter() - started
    forms = []
    for n, page in enumerate(pages):
        form = next(form for form in page.forms.values() if "email" in form.fields)
        form["name"] = f"Profiled Visitor {n}"
        form["email"] = f"profiled-{n}-{uuid.uuid4().hex[:8]}@example.org"
        form["country"] = "GB"
        form["city"] = "Leeds"
        forms.append(form)
    print(
        f"GET by a new visitor: minimal view {minimal * 1000:.3f} ms, petition page "
        f"{loading / count * 1000:.3f} ms (which includes WebTest keeping the CSRF cookie)"
    )
    statements = []
    round_trips = []
    execute_command = redis.Redis.execute_command
    execute_pipeline = redis.client.Pipeline.execute

    def command(self, *args, **options):
        round_trips.append(args[0])
        return execute_command(self, *args, **options)

    def pipeline(self, *args, **options):
        round_trips.append("pipeline")
        return execute_pipeline(self, *args, **options)

    redis.Redis.execute_command = command
    redis.client.Pipeline.execute = pipeline
    profile = cProfile.Profile()
    with connection.execute_wrapper(
        lambda run, sql, *rest: statements.append(sql) or run(sql, *rest)
    ):
        started = time.perf_counter()
        if with_profile:
            profile.enable()
        statuses = [form.submit("sign", status="*").status_int for form in forms]
        profile.disable()
        elapsed = time.perf_counter() - started
    redis.Redis.execute_command = execute_command
    redis.client.Pipeline.execute = execute_pipeline
    accepted = statuses.count(302)
    print(
        f"sign POST: {accepted} of {count} accepted (302); {elapsed / count * 1000:.2f} ms each; "
        f"{len(statements) / count:.1f} SQL statements and {len(round_trips) / count:.1f} Redis "
        "round trips each"
    )
    if with_profile:
        report_profile(profile, 30)


def mail(env, with_profile, var_dir, tls):
    """The db_worker sends what is queued, then stops; prints its rate."""
    with smtp_sink(var_dir if tls else None) as sink:
        profile_args = ["-m", "cProfile", "-o", str(Path(var_dir) / "mail.prof")]
        command = [PYTHON, *(profile_args if with_profile else []), "manage.py", "db_worker"]
        started = time.perf_counter()
        subprocess.run(
            [*command, "--batch", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env={**env, **sink.env},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - started
    print(
        f"e-mail{' (STARTTLS)' if tls else ''}: {sink.received} sent by one db_worker in "
        f"{elapsed:.1f} s, "
        f"{sink.received / elapsed:.1f}/s, {elapsed / max(sink.received, 1) * 1000:.1f} ms each"
    )
    if with_profile:
        report_profile(str(Path(var_dir) / "mail.prof"), 30)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sqlite", action="store_true", help="the embedded default instead")
    parser.add_argument(
        "--tls", action="store_true", help="the SMTP sink demands STARTTLS, as relays do"
    )
    parser.add_argument("--signing", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.signing:
        sign(args.count, args.profile)
        return
    name = f"perf_profile_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="zh-profile-") as var_dir:
        env = base_env(var_dir)
        if not args.sqlite:
            env = postgres_env(env, name)
        try:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            subprocess.run(
                [PYTHON, "manage.py", "load_petition"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            child = [PYTHON, __file__, "--signing", "--count", str(args.count)]
            subprocess.run(
                [*child, *(["--profile"] if args.profile else [])], cwd=ROOT, env=env, check=True
            )
            mail(env, args.profile, var_dir, args.tls)
        finally:
            if not args.sqlite:
                drop_postgres(name)


if __name__ == "__main__":
    main()
