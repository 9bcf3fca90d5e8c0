"""Page weight and the Markdown report of a benchmark run."""

import re
import urllib.request
from datetime import UTC, datetime
from html.parser import HTMLParser

import brotli

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"stylesheet", "icon"}:
            self.assets.append(attrs["href"])
        elif tag in {"script", "img"} and attrs.get("src"):
            self.assets.append(attrs["src"])


def fetch(url, brotli_ok=True):
    headers = {"Accept-Encoding": "br"} if brotli_ok else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return r.read(), r.headers


def page_weight(base_url, paths):
    """Bytes on the wire for a first load: HTML (brotli, as a compressing proxy sends it) plus
    every stylesheet, script, icon and image it loads (WhiteNoise's own brotli files)."""
    weights = {}
    for path in paths:
        try:
            html, _headers = fetch(base_url + path, brotli_ok=False)
        except OSError:
            continue
        parser = AssetParser()
        parser.feed(html.decode())
        total = len(brotli.compress(html))
        detail = [(path, total)]
        for asset in dict.fromkeys(parser.assets):
            if not asset.startswith("/"):
                continue
            body, headers = fetch(base_url + asset)
            size = len(body)
            detail.append(
                (
                    f"{asset} ({headers.get('Content-Encoding', 'identity')}, "
                    f"{headers.get('Cache-Control', '')})",
                    size,
                )
            )
            total += size
        weights[path] = {"total": total, "detail": detail}
    return weights


def fmt_ms(us):
    return f"{us / 1000:.1f}" if us >= 1000 else f"{us / 1000:.2f}"


def ceiling_of(run, result):
    """The minimal view's rate and CPU per request to compare a scenario with: the mean of
    the runs just before and after it when it has them, else the first one of the run."""
    runs = result.get("ceiling_runs") or [
        next(r for r in run["results"] if r["scenario"].startswith("ceiling: minimal"))
    ]
    return {
        "rps": sum(r["rps"] for r in runs) / len(runs),
        "server_cpu_us": sum(r["server_cpu_us"] for r in runs) / len(runs),
        "around": " / ".join(f"{r['rps']:.0f}" for r in result.get("ceiling_runs", [])),
    }


def run_table(run):
    """Each scenario's rate beside the minimal view's, and its cost on the server beside the
    minimal view's: the CPU ratio holds still when the rate ratio moves with what wrk and
    the machine's other guests took (the stolen share) during each run."""
    lines = [
        "| scenario | req/s | minimal view before / after, req/s | ÷ minimal view "
        "| server CPU ms/req | ÷ minimal view (CPU) "
        "| stolen % | p50 ms | p95 ms | p99 ms | 5xx | 4xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in run["results"]:
        if r.get("missing"):
            lines.append(f"| {r['scenario']} | not served | | | | | | | | | | | |")
            continue
        ceiling = ceiling_of(run, r)
        cpu = r.get("server_cpu_us")
        cpu_ratio = f"{ceiling['server_cpu_us'] / cpu:.2f}" if cpu else ""
        lines.append(
            f"| {r['scenario']} | {r['rps']:.0f} | {ceiling['around']} | "
            f"{r['rps'] / ceiling['rps']:.2f} | "
            f"{'' if cpu is None else fmt_ms(cpu)} | {cpu_ratio} | {r['stolen'] * 100:.0f} | "
            f"{fmt_ms(r['p50'])} | {fmt_ms(r['p95'])} | {fmt_ms(r['p99'])} | {r['s5xx']} | "
            f"{r['s4xx']} | {r['socket_errors']} |"
        )
    return lines


def run_section(run):
    lines = [f"### {run['label']}", "", *run_table(run), ""]
    truth, shown = run["count_truth"], run["count_shown"]
    lines.append(
        f"- Count after the run: {truth['confirmed']} confirmed signatures in the database, "
        f"count.json shows {shown.get('count')} "
        f"({'exact' if truth['confirmed'] == shown.get('count') else 'MISMATCH'}); "
        f"{truth['total']} signature rows in all."
    )
    lines.append(f'- "database is locked" in the server log: {run["locked"]} times.')
    mail = run.get("mail")
    if mail:
        series = ", ".join(f"{t} s: {depth}" for t, depth in mail["depth_series"])
        lines.append(
            f"- Sign POST visitors: {run['harvested']:,} loaded the page and filled in its form "
            f"(own cookie and token each); {mail['accepted']:,} POSTs were accepted (302). "
            "E-mail queue (db_worker → SMTP sink on loopback, STARTTLS): "
            f"peak depth {mail['peak_depth']:,}, "
            f"{mail['depth_at_end']:,} waiting when the sign run ended; the workers sent "
            f"{mail['send_rate_during']:.0f}/s during the run and drained the rest at "
            f"{mail['drain_rate']:.0f}/s in {mail['drain_seconds']:.0f} s "
            f"({'drained' if mail['drained'] else 'NOT drained within the timeout'}). "
            f"Depth over the run: {series}."
        )
        if mail["accepted"] >= 0.98 * run["harvested"]:
            lines.append(
                "- The sign run used up its visitors before its time was over: its req/s is "
                "understated (wrk divides by the whole duration)."
            )
        lines.append(
            f"- E-mails received by the sink over the whole run: {mail['received_total']:,} "
            "(sign and mixed runs)."
        )
    rss = ", ".join(f"{mb:.0f}" for mb in run["worker_rss_mb"])
    lines.append(f"- Worker RSS after the spike (MB): {rss}.")
    start = run["worker_start_seconds"]
    lines.append(
        f"- A new worker spends {start:.2f} s of CPU starting. Workers were not recycled during "
        "the run; production recycles each after 20,000-22,000 requests, which adds about "
        f"{start / 21000 * 1e6:.0f} µs of CPU per request, not in the table."
    )
    for path, weight in run["weights"].items():
        parts = "; ".join(f"{name}: {size:,} B" for name, size in weight["detail"])
        lines.append(f"- First load of `{path}`: {weight['total'] / 1024:.1f} KB ({parts}).")
    lines.append(f"- Seeding took {run['seeded_in']:.0f} s.")
    lines.append("")
    return lines


def write_report(path, runs, args, command, machine, commit="", load=()):
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        BEGIN,
        f"Run {when} on {machine} with `{command}`, at commit {commit}.",
        "Machine load (uptime's 1-minute load average, sampled through the run; 2 cores "
        "shared with other sessions): " + ", ".join(load) + ".",
        f"gunicorn sync workers: {args.workers}; db_worker processes sending the e-mail: "
        f"{args.mail_workers}; wrk: 2 threads, {args.connections} connections; "
        f"{args.duration} s per scenario (the pages after {args.warmup} s unmeasured), "
        f"{args.sign_duration} s of sign POSTs; "
        f"local cache window {args.local_ms} ms (PostgreSQL + Redis); "
        f"{args.signatures:,} seeded confirmed signatures. wrk runs on the same 2 cores as the "
        "server, so every figure includes the load generator's own cost. Server CPU ms/req: "
        "the gunicorn workers' user and system time during the scenario over the requests wrk "
        "completed. Each page's ratios are to the mean of the minimal view's runs just before "
        "and just after it (the POSTs': to its first run). Stolen %: the share of the machine's "
        "CPU time the hypervisor gave other guests during the scenario (/proc/stat).",
        "",
    ]
    for run in runs:
        body.extend(run_section(run))
    body.append(END)
    generated = "\n".join(body)
    text = path.read_text() if path.exists() else "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    path.write_text(pattern.sub(lambda _m: generated, text))
