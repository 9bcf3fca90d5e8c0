"""The load benchmark: `make bench` (or `.venv/bin/python bench/run.py --help`).

For each database (SQLite default; PostgreSQL + Redis when reachable) it prepares a fresh
production configuration, loads the memorial, the petition and a million signatures, starts
gunicorn on loopback and drives each scenario with wrk, beside the stack's own ceiling (a
minimal Django view and a WhiteNoise static file) measured in the same run. Results go to
docs/BENCHMARKS.md.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, WRK_DIR, Server, ensure_wrk, manage, run_wrk
from bench.report import page_weight, write_report

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def base_env(var_dir):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY="bench-" + uuid.uuid4().hex * 2,
        DJANGO_VAR_DIR=str(var_dir),
        DJANGO_TASKS_BACKEND="database",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def postgres_env(env, name):
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_URL.rsplit("/", 1)[0]
    return {
        **env,
        "DATABASE_URL": f"{base}/{name}",
        "REDIS_URL": REDIS_URL,
        "DJANGO_CACHE_PREFIX": name,
    }


def drop_postgres(name):
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_eval(env, code):
    """Run Python code in a configured Django and return what it prints (last line)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def csrf_pair(url):
    """A CSRF cookie and a form token for it, as a browser would hold them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(url, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token


def static_path(var_dir, name):
    manifest = json.loads((Path(var_dir) / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def status_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


def measure(label, args, var_dir, env):
    print(f"== {label}: preparing", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_memorial")
    manage(env, "load_petition")
    slug = django_eval(
        env,
        "from campaign.petitions.models import Petition;"
        "print(Petition.objects.public().first().slug)",
    )
    tokens = Path(var_dir) / "tokens.txt"
    started = time.monotonic()
    django_eval(
        env,
        f"from bench.seed import seed; seed({slug!r}, {args.signatures}, {args.pending}, "
        f"{str(tokens)!r}); print('seeded')",
    )
    seeded_in = time.monotonic() - started
    print(f"   seeded {args.signatures} signatures in {seeded_in:.0f} s", flush=True)

    petition_path = f"/en/petitions/{slug}/"
    results = []
    with Server(env, args.workers) as server:
        try:
            cookie, token = csrf_pair(server.url + petition_path)
        except OSError:
            print(server.log_tail(), file=sys.stderr)
            raise
        lua_env = {
            "WRK_DIR": str(WRK_DIR),
            "BENCH_CSRF_COOKIE": cookie,
            "BENCH_CSRF_TOKEN": token,
            "BENCH_SIGN_PATH": petition_path,
            "BENCH_RUN_ID": uuid.uuid4().hex[:8],
            "BENCH_TOKENS": str(tokens),
            "BENCH_CONFIRM_PREFIX": "/en/petitions/confirm/",
            "BENCH_HOME_PATH": "/en/",
            "BENCH_PETITION_PATH": petition_path,
            "BENCH_COUNT_PATH": f"/en/petitions/{slug}/count.json",
        }
        oembed_target = urllib.parse.quote("http://127.0.0.1:8000/en/", safe="")
        gets = [
            ("ceiling: minimal Django view", "/bench/minimal/"),
            ("ceiling: WhiteNoise static file", static_path(var_dir, "css/site.css")),
            ("home page", "/en/"),
            ("petition page (with count)", petition_path),
            ("embed", "/embed/memorial/"),
            ("oEmbed JSON", f"/oembed/?url={oembed_target}&format=json"),
            ("count JSON", f"/en/petitions/{slug}/count.json"),
        ]
        for name, path in gets:
            if not status_ok(server.url + path):
                results.append({"scenario": name, "path": path, "missing": True})
                continue
            print(f"   {name}", flush=True)
            data = run_wrk(server.url + path, args.duration, args.connections)
            results.append({"scenario": name, "path": path, **data})
        print("   sign POST", flush=True)
        data = run_wrk(
            server.url + petition_path,
            args.sign_duration,
            args.connections,
            script="sign.lua",
            env=lua_env,
        )
        results.append({"scenario": "sign POST (complete)", "path": petition_path, **data})
        print("   confirmation POST", flush=True)
        data = run_wrk(
            server.url + "/", args.duration, args.connections, script="confirm.lua", env=lua_env
        )
        results.append({"scenario": "confirmation POST", "path": "confirm/<token>/", **data})
        print("   mixed spike", flush=True)
        data = run_wrk(
            server.url + "/", args.duration, args.connections, script="mixed.lua", env=lua_env
        )
        results.append({"scenario": "mixed spike (90% read, 10% sign)", "path": "mixed", **data})
        rss = server.worker_rss_mb()
        log = (Path(var_dir) / "gunicorn.log").read_text(errors="replace")
        locked = log.count("database is locked")
        weights = page_weight(server.url, ["/en/", "/embed/memorial/"])
        time.sleep(int(env.get("CAMPAIGN_COUNT_CACHE_SECONDS", "5")) + 1)
        with urllib.request.urlopen(server.url + lua_env["BENCH_COUNT_PATH"]) as response:
            shown = json.loads(response.read())
    truth = json.loads(
        django_eval(
            env,
            (
                "import json; from campaign.petitions.models import Petition, Signature;"
                f"p = Petition.objects.get(slug={slug!r});"
                "s = Signature.objects.filter(petition=p);"
                "print(json.dumps({'confirmed': s.confirmed().count(), 'total': s.count()}))"
            ),
        )
    )
    return {
        "label": label,
        "results": results,
        "worker_rss_mb": rss,
        "locked": locked,
        "weights": weights,
        "count_shown": shown,
        "count_truth": truth,
        "seeded_in": seeded_in,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (max 30)")
    parser.add_argument("--sign-duration", type=int, default=30, help="seconds of sign POSTs")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--signatures", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int, default=30_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--output", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    ensure_wrk()
    runs = []
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="zh-bench-") as var_dir:
            env = base_env(var_dir)
            if database == "postgres":
                name = f"zh_bench_{os.getpid()}"
                try:
                    env = postgres_env(env, name)
                except psycopg.OperationalError as error:
                    print(f"== PostgreSQL skipped: {error}")
                    continue
                try:
                    runs.append(measure("PostgreSQL + Redis", args, var_dir, env))
                finally:
                    drop_postgres(name)
            else:
                runs.append(measure("SQLite (default)", args, var_dir, env))
    command = (
        "make bench" if len(sys.argv) == 1 else "python bench/run.py " + " ".join(sys.argv[1:])
    )
    machine = (
        f"{platform.node()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()}"
    )
    write_report(Path(args.output), runs, args, command, machine)
    print(f"Results written to {args.output}")


if __name__ == "__main__":
    main()
