"""The load benchmark: `make bench` (or `.venv/bin/python bench/run.py --help`).

For each database (SQLite default; PostgreSQL + Redis when reachable) it prepares a fresh
production configuration, loads the memorial, the petition and a million signatures, starts
gunicorn on loopback and drives each scenario with wrk, beside the stack's own ceiling (a
minimal Django view and a WhiteNoise static file) measured in the same run. Results go to
docs/BENCHMARKS.md.
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, WRK_DIR, Server, ensure_wrk, harvest, manage, run_wrk
from bench.mail import QueueSampler, db_worker, smtp_sink
from bench.report import page_weight, write_report
from bench.stack import (
    LoadSampler,
    base_env,
    commit,
    django_eval,
    drop_postgres,
    postgres_env,
    waiting_tasks,
)


def queue_report(sampler, sign_run, waiting_at_end, sign_elapsed, drained):
    """Queue depth over the sign run and how fast the worker drained it."""
    samples = sampler.samples
    peak = max((depth for _t, depth, _r in samples), default=0)
    during = [(t, received) for t, _depth, received in samples if t <= sign_elapsed]
    sent_during = during[-1][1] - during[0][1] if len(during) > 1 else 0
    span = during[-1][0] - during[0][0] if len(during) > 1 else 0
    after = [(t, received) for t, _depth, received in samples if t >= sign_elapsed]
    drain_time = after[-1][0] - after[0][0] if len(after) > 1 else 0
    return {
        "accepted": sign_run["s3xx"],
        "peak_depth": peak,
        "depth_at_end": waiting_at_end,
        "send_rate_during": sent_during / span if span else 0,
        "drain_seconds": drain_time,
        "drain_rate": (after[-1][1] - after[0][1]) / drain_time if drain_time else 0,
        "drained": drained,
        "received_after_sign": samples[-1][2] if samples else 0,
        "depth_series": [(round(t), depth) for t, depth, _r in samples][
            :: max(1, len(samples) // 24)
        ],
    }


def static_path(var_dir, name):
    manifest = json.loads((Path(var_dir) / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def status_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


def run_wrk_on(server, url, duration, connections, **kwargs):
    """run_wrk, with the server's CPU time per request it served: a cost that, unlike req/s,
    does not depend on how much of the 2 cores wrk and other guests took meanwhile."""
    used = server.cpu_seconds()
    data = run_wrk(url, duration, connections, **kwargs)
    data["server_cpu_us"] = (server.cpu_seconds() - used) / max(data["requests"], 1) * 1e6
    return data


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
    count_path = f"/en/petitions/{slug}/count.json"
    results = []
    waiting = waiting_tasks(env)
    mail = {}
    # Workers are not recycled during the run (production recycles each after 20,000-22,000
    # requests): a worker's start, about a second of CPU, would land in whichever 10-s
    # scenario it fell in. Its cost is measured once at the end and reported apart.
    no_recycling = {"GUNICORN_MAX_REQUESTS": "0"}
    with (
        smtp_sink(var_dir) as sink,
        Server({**env, **sink.env, **no_recycling}, args.workers) as server,
    ):
        if not status_ok(server.url + petition_path):
            print(server.log_tail(), file=sys.stderr)
            raise RuntimeError("the petition page does not answer")
        oembed_target = urllib.parse.quote("http://127.0.0.1:8000/en/", safe="")
        gets = [
            ("ceiling: minimal Django view", "/bench/minimal/"),
            ("ceiling: WhiteNoise static file", static_path(var_dir, "css/site.css")),
            ("home page", "/en/"),
            ("petition page (with count)", petition_path),
            ("embed", "/embed/memorial/"),
            ("oEmbed JSON", f"/oembed/?url={oembed_target}&format=json"),
            ("count JSON", count_path),
        ]
        minimal = server.url + gets[0][1]
        for number, (name, path) in enumerate(gets):
            if not status_ok(server.url + path):
                results.append({"scenario": name, "path": path, "missing": True})
                continue
            print(f"   {name}", flush=True)
            if args.warmup:
                # Unmeasured: each worker's first requests of a page load what it needs once
                # (templates, translations, the local cache tier). A stored page is rendered
                # by one worker every CAMPAIGN_COUNT_CACHE_SECONDS, so its workers warm one by
                # one: 2 s left the petition page's p99 at 133 ms, 15 s at 38 ms.
                run_wrk(server.url + path, args.warmup, args.connections)
            if number == 0:
                data = run_wrk_on(server, minimal, args.duration, args.connections)
                results.append({"scenario": name, "path": path, **data})
                continue
            # The machine's speed drifts by a fifth within minutes: each page is compared
            # with the minimal view measured just before and just after it.
            before = run_wrk_on(server, minimal, args.duration, args.connections)
            data = run_wrk_on(server, server.url + path, args.duration, args.connections)
            after = run_wrk_on(server, minimal, args.duration, args.connections)
            data["ceiling_runs"] = [before, after]
            results.append({"scenario": name, "path": path, **data})

        print("   visitors load the petition page and fill in its form", flush=True)
        forms_env, harvested = harvest(
            server, var_dir, "sign", path=petition_path, count=args.visitors
        )
        print(f"   {harvested} visitors with their own form", flush=True)
        lua_env = {
            **forms_env,
            "WRK_DIR": str(WRK_DIR),
            "BENCH_HOME_PATH": "/en/",
            "BENCH_PETITION_PATH": petition_path,
            "BENCH_COUNT_PATH": count_path,
        }
        worker_env = {**env, **sink.env, "SITE_URL": server.url}
        with (
            db_worker(worker_env, Path(var_dir) / "worker.log", args.mail_workers),
            QueueSampler(waiting, sink) as sampler,
        ):
            print("   sign POST (db_worker sending to the SMTP sink)", flush=True)
            data = run_wrk_on(
                server,
                server.url + petition_path,
                args.sign_duration,
                args.connections,
                script="sign.lua",
                env=lua_env,
            )
            signed_at = sampler.sample()
            signed_elapsed = time.monotonic() - sampler.started
            results.append({"scenario": "sign POST (complete)", "path": petition_path, **data})
            drained = sampler.wait_drained(args.drain_timeout)
            mail = queue_report(sampler, data, signed_at, signed_elapsed, drained)
            links = sink.take_links(args.confirmations)
            print(
                f"   confirmation: {len(links)} signers open the link of their e-mail", flush=True
            )
            confirm_env, confirmers = harvest(server, var_dir, "confirm", paths=links)
            print("   confirmation POST", flush=True)
            data = run_wrk_on(
                server,
                server.url + "/",
                args.duration,
                args.connections,
                script="confirm.lua",
                env={**lua_env, **confirm_env},
            )
            data["visitors"] = confirmers
            results.append({"scenario": "confirmation POST", "path": "confirm/<token>/", **data})
            print("   mixed spike", flush=True)
            data = run_wrk_on(
                server,
                server.url + "/",
                args.duration,
                args.connections,
                script="mixed.lua",
                env=lua_env,
            )
            results.append(
                {"scenario": "mixed spike (90% read, 10% sign)", "path": "mixed", **data}
            )
            sampler.wait_drained(args.drain_timeout)
            mail["received_total"] = sink.received
        rss = server.worker_rss_mb()
        worker_start = server.worker_start_seconds()
        log = (Path(var_dir) / "gunicorn.log").read_text(errors="replace")
        locked = log.count("database is locked")
        weights = page_weight(server.url, ["/en/", "/embed/memorial/"])
        time.sleep(int(env.get("CAMPAIGN_COUNT_CACHE_SECONDS", "5")) + 1)
        with urllib.request.urlopen(server.url + count_path) as response:
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
        "worker_start_seconds": worker_start,
        "locked": locked,
        "weights": weights,
        "count_shown": shown,
        "count_truth": truth,
        "seeded_in": seeded_in,
        "mail": mail,
        "harvested": harvested,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (max 30)")
    parser.add_argument(
        "--warmup", type=int, default=15, help="unmeasured seconds before each page's run"
    )
    parser.add_argument("--sign-duration", type=int, default=30, help="seconds of sign POSTs")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--mail-workers", type=int, default=1, help="db_worker processes")
    parser.add_argument("--signatures", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int, default=30_000)
    parser.add_argument(
        "--visitors", type=int, default=25_000, help="visitors who load the form to sign"
    )
    parser.add_argument("--confirmations", type=int, default=12_000)
    parser.add_argument("--keep", action="store_true", help="keep the run's files (logs)")
    parser.add_argument("--var-dir", default=None, help="where the run's files go")
    parser.add_argument(
        "--local-ms", type=int, default=250, help="the per-process cache window (Redis set-up)"
    )
    parser.add_argument(
        "--drain-timeout", type=int, default=120, help="s to wait for the mail queue"
    )
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--output", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    ensure_wrk()
    load = LoadSampler()
    runs = []
    if args.var_dir:
        Path(args.var_dir).mkdir(parents=True, exist_ok=True)
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory(
            prefix="zh-bench-", delete=not args.keep, dir=args.var_dir
        ) as var_dir:
            env = {**base_env(var_dir), "DJANGO_LOCAL_CACHE_MS": str(args.local_ms)}
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
    load.stop()
    write_report(Path(args.output), runs, args, command, machine, commit(), load.readings)
    print(f"Results written to {args.output}")


if __name__ == "__main__":
    main()
