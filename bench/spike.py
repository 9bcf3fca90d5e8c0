"""The spike test of the whole scale-out topology: `.venv/bin/python bench/spike.py`.

Two gunicorn hosts behind nginx (a load balancer on loopback that passes a request on to the
other host when one refuses the connection), one PostgreSQL database, Redis, a db_worker
sending to an SMTP sink. Visitors load the petition page and fill in its form first (as
bench/run.py's do); then a mixed load, 90 % reads (home, petition page, count.json) and 10 %
visitors signing, runs for --duration s against nginx, as fast as wrk can drive it (the aim
is 330 signatures/s, ten times the UK petitions site's 2019 peak; what was reached is what is
reported). Then the same again, with one host killed (SIGKILL to its master and workers)
half-way through.

Each run reports p50/p95/p99, the errors, the signatures accepted (302) against the rows
stored and the e-mails delivered, and the count against the database. Traffic goes to
127.0.0.1 only and stops after --duration s. Results go to docs/BENCHMARKS.md between the
spike markers.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, WRK_DIR, Server, ensure_wrk, harvest, manage, run_wrk
from bench.mail import QueueSampler, db_worker, smtp_sink
from bench.stack import (
    LoadSampler,
    base_env,
    commit,
    django_eval,
    drop_postgres,
    postgres_env,
    waiting_tasks,
)

BEGIN = "<!-- spike:begin -->"
END = "<!-- spike:end -->"
NGINX = """
worker_processes 1;
pid {var}/nginx.pid;
error_log {var}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {var}/nginx-body;
    proxy_temp_path {var}/nginx-proxy;
    fastcgi_temp_path {var}/nginx-fastcgi;
    uwsgi_temp_path {var}/nginx-uwsgi;
    scgi_temp_path {var}/nginx-scgi;
    upstream hosts {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=5s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://hosts;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $http_x_real_ip;
            # A refused connection never reached the host: any request may go to the other.
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, var_dir, hosts, port):
        self.var = Path(var_dir)
        self.port = port
        self.conf = self.var / "nginx.conf"
        self.conf.write_text(
            NGINX.format(var=self.var, a=hosts[0].port, b=hosts[1].port, port=port)
        )

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(
            ["nginx", "-c", str(self.conf), "-p", str(self.var), "-g", "daemon off;"],
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz/", timeout=2).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def figures(env, slug):
    code = (
        "import json; from campaign.petitions.models import Petition, Signature;"
        f"p = Petition.objects.get(slug={slug!r});"
        "s = Signature.objects.filter(petition=p);"
        "print(json.dumps({'confirmed': p.exact_count(),"
        " 'visitors': s.filter(name__startswith='Bench Visitor').count()}))"
    )
    return json.loads(django_eval(env, code))


def shown_count(url, slug, wait):
    time.sleep(wait)
    with urllib.request.urlopen(f"{url}/en/petitions/{slug}/count.json", timeout=10) as r:
        return json.loads(r.read())["count"]


def one_run(label, args, var_dir, env, hosts, lb, sink, slug, kill_after=None):
    print(f"== {label}", flush=True)
    petition_path = f"/en/petitions/{slug}/"
    forms_env, harvested = harvest(
        lb, var_dir, f"spike-{uuid.uuid4().hex[:6]}", path=petition_path, count=args.visitors
    )
    print(f"   {harvested} visitors with their own form", flush=True)
    before = figures(env, slug)
    received_before = sink.received
    lua_env = {
        **forms_env,
        "WRK_DIR": str(WRK_DIR),
        "BENCH_HOME_PATH": "/en/",
        "BENCH_PETITION_PATH": petition_path,
        "BENCH_COUNT_PATH": f"/en/petitions/{slug}/count.json",
    }
    killer = None
    if kill_after is not None:
        killer = threading.Timer(kill_after, hosts[1].kill)
        killer.start()
    waiting = waiting_tasks(env)
    with QueueSampler(waiting, sink) as sampler:
        data = run_wrk(
            lb.url + "/",
            args.duration,
            args.connections,
            script="mixed.lua",
            env=lua_env,
            longest=120,
            timeout=10,
        )
        peak = max(depth for _t, depth, _r in sampler.samples)
        drained = sampler.wait_drained(args.drain_timeout)
    if killer:
        killer.join()
    after = figures(env, slug)
    alive = hosts[0] if kill_after is not None else lb
    shown = shown_count(alive.url, slug, int(env.get("CAMPAIGN_COUNT_CACHE_SECONDS", "5")) + 1)
    stored = after["visitors"] - before["visitors"]
    return {
        "label": label,
        "wrk": data,
        "accepted": data["s3xx"],
        "stored": stored,
        "delivered": sink.received - received_before,
        "peak_depth": peak,
        "drained": drained,
        "confirmed": after["confirmed"],
        "shown": shown,
        "harvested": harvested,
        "killed_at": kill_after,
        "rate": data["s3xx"] / (data["duration_us"] / 1e6),
    }


def section(result):
    w = result["wrk"]
    errors = w["s5xx"] + w["s4xx"] + w["socket_errors"]
    lines = [
        f"#### {result['label']}",
        "",
        "| requests/s | signatures/s (302) | p50 ms | p95 ms | p99 ms | 5xx | 4xx "
        "| socket errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {w['rps']:.0f} | {result['rate']:.0f} | {w['p50'] / 1000:.1f} | "
        f"{w['p95'] / 1000:.1f} | {w['p99'] / 1000:.1f} | {w['s5xx']} | {w['s4xx']} | "
        f"{w['socket_errors']} |",
        "",
        f"- {w['requests']:,} requests in {w['duration_us'] / 1e6:.0f} s, {errors} failed; "
        f"{result['harvested']:,} visitors had loaded the form beforehand.",
        f"- Signatures: {result['accepted']:,} accepted (302), {result['stored']:,} rows stored, "
        f"{result['delivered']:,} e-mails delivered to the sink "
        f"({'every stored signature' if result['delivered'] == result['stored'] else 'MISMATCH'}"
        f"; queue peak {result['peak_depth']:,}, "
        f"{'drained' if result['drained'] else 'NOT drained within the timeout'}).",
        f"- Count: {result['confirmed']:,} confirmed in the database, count.json shows "
        f"{result['shown']:,} "
        f"({'exact' if result['confirmed'] == result['shown'] else 'MISMATCH'}).",
    ]
    if result["killed_at"] is not None:
        lost = result["accepted"] - result["stored"]
        lines.append(
            f"- Host B killed (SIGKILL, master and workers) {result['killed_at']} s into the run. "
            f"Accepted but not stored: {max(lost, 0)}; stored but not answered with a 302 (the "
            f"request failed or timed out after the row was stored): {max(-lost, 0)}."
        )
    lines.append("")
    return lines


def write(path, results, args, load):
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        BEGIN,
        f"Run {when} with `{' '.join(['python', 'bench/spike.py', *sys.argv[1:]])}` at commit "
        f"{commit()}; machine load (1-minute average) {', '.join(load)}.",
        f"Two hosts of {args.workers} gunicorn sync workers each behind nginx, PostgreSQL, "
        f"Redis, db_worker processes: {args.mail_workers}, an SMTP sink (STARTTLS); "
        "wrk: 2 threads, "
        f"{args.connections} connections, {args.duration} s, every process on the same 2 cores; "
        f"{args.signatures:,} seeded confirmed signatures.",
        "",
    ]
    for result in results:
        body.extend(section(result))
    body.append(END)
    text = path.read_text() if path.exists() else ""
    generated = "\n".join(body)
    if BEGIN in text:
        pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
        text = pattern.sub(lambda _m: generated, text)
    else:
        text += "\n" + generated + "\n"
    path.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per host")
    parser.add_argument("--mail-workers", type=int, default=1, help="db_worker processes")
    parser.add_argument("--signatures", type=int, default=100_000)
    parser.add_argument("--visitors", type=int, default=22_000)
    parser.add_argument("--drain-timeout", type=int, default=180)
    parser.add_argument("--port", type=int, default=18150)
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    ensure_wrk()
    load = LoadSampler()
    results = []
    name = f"perf_spike_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="zh-spike-") as var_dir:
        env = postgres_env(base_env(var_dir), name)
        try:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "load_memorial")
            manage(env, "load_petition")
            slug = django_eval(
                env,
                "from campaign.petitions.models import Petition;"
                "print(Petition.objects.public().first().slug)",
            )
            django_eval(
                env,
                f"from bench.seed import seed; seed({slug!r}, {args.signatures}, 0, "
                f"{str(Path(var_dir) / 'tokens.txt')!r}); print('seeded')",
            )
            with smtp_sink(var_dir) as sink:
                env = {**env, **sink.env}
                with (
                    Server(env, args.workers, "host-a.log") as a,
                    Server(env, args.workers, "host-b.log") as b,
                    Nginx(var_dir, [a, b], args.port) as lb,
                    db_worker(
                        {**env, "SITE_URL": lb.url}, Path(var_dir) / "worker.log", args.mail_workers
                    ),
                ):
                    results.append(
                        one_run("Both hosts", args, var_dir, env, [a, b], lb, sink, slug)
                    )
                    if not args.no_kill:
                        results.append(
                            one_run(
                                "Host B killed half-way",
                                args,
                                var_dir,
                                env,
                                [a, b],
                                lb,
                                sink,
                                slug,
                                kill_after=args.duration // 2,
                            )
                        )
        finally:
            drop_postgres(name)
    load.stop()
    write(Path(args.output), results, args, load.readings)
    for result in results:
        print("\n".join(section(result)))


if __name__ == "__main__":
    main()
