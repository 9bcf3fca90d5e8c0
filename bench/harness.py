"""Start the production configuration under gunicorn and drive it with wrk."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK_DIR = Path(__file__).resolve().parent / "wrk"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return
    sys.exit(
        "wrk is needed: install it (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk)"
    )


def cpu_ticks():
    """(stolen, all) CPU ticks of this machine since boot, from /proc/stat.

    Stolen ticks are those the hypervisor gave to other guests while this one wanted to run:
    a scenario run while much was stolen reads slow for reasons that are not the site's.
    """
    fields = [int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return fields[7], sum(fields)


def process_cpu_seconds(pid, *, reaped_children=False):
    """User + system CPU time of a process, from /proc/<pid>/stat; with `reaped_children`,
    that of the children it has waited for instead."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    first = 13 if reaped_children else 11
    return (int(fields[first]) + int(fields[first + 1])) / os.sysconf("SC_CLK_TCK")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Server:
    """gunicorn with the bench settings on a free loopback port."""

    def __init__(self, env, workers, log_name="gunicorn.log"):
        self.env = env
        self.log_name = log_name
        self.port = free_port()
        self.workers = workers
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        env["WEB_CONCURRENCY"] = str(self.workers)
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "-c",
                "campaign/gunicorn_conf.py",
                "campaign.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(env["DJANGO_VAR_DIR"]) / self.log_name, "w"),
            # Its own process group, so that a host can be killed whole, workers included.
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz/", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz/ within 60 s")

    def log_tail(self, lines=40):
        log = Path(self.env["DJANGO_VAR_DIR"]) / self.log_name
        return "\n".join(log.read_text().splitlines()[-lines:])

    def worker_rss_mb(self):
        """Resident memory of each worker process, in MB."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def worker_pids(self):
        master = self.process.pid
        return Path(f"/proc/{master}/task/{master}/children").read_text().split()

    def worker_start_seconds(self):
        """CPU time a new worker spends starting (importing and setting up the site): one
        worker is retired as max_requests retires them, and its replacement's time is read
        once it has stopped growing, the server being otherwise idle."""
        before = set(self.worker_pids())
        os.kill(int(min(before)), signal.SIGTERM)
        deadline = time.monotonic() + 60
        while not (new := set(self.worker_pids()) - before):
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not replace the retired worker")
            time.sleep(0.05)
        replacement = new.pop()
        used, previous = 0.0, -1.0
        while used != previous:
            time.sleep(1)
            previous, used = used, process_cpu_seconds(replacement)
        return used

    def cpu_seconds(self):
        """CPU time (user + system) the workers have used so far, including workers already
        replaced (gunicorn recycles them after max_requests): the master counts those it
        has reaped."""
        used = process_cpu_seconds(self.process.pid, reaped_children=True)
        for pid in self.worker_pids():
            try:
                used += process_cpu_seconds(pid)
            except FileNotFoundError:
                # A worker replaced meanwhile: its time reaches the master's count instead.
                continue
        return used

    def kill(self):
        """The host dies: SIGKILL to the master and every worker at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __exit__(self, *exc):
        self.stop()


def run_wrk(url, duration, connections, script=None, env=None, threads=2, longest=30, timeout=5):
    """Run wrk against url for duration seconds (at most `longest`); return the parsed result."""
    duration = min(int(duration), longest)
    lua = [str(WRK_DIR / "report.lua")] if script is None else [str(WRK_DIR / script)]
    command = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--latency",
        "--timeout",
        f"{timeout}s",
        "-s",
        *lua,
        url,
    ]
    stolen_before, ticks_before = cpu_ticks()
    result = subprocess.run(
        command,
        env={**os.environ, **(env or {}), "WRK_THREADS": str(threads)},
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    )
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("WRKJSON "))
    data = json.loads(line.removeprefix("WRKJSON "))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    stolen_after, ticks_after = cpu_ticks()
    data["stolen"] = (stolen_after - stolen_before) / max(ticks_after - ticks_before, 1)
    data["command"] = " ".join(command)
    return data


def harvest(server, var_dir, name, *, path=None, count=0, paths=None, within=150):
    """Visitors GET a page (path, count times; or each of paths once) and keep its form as
    rendered with their own CSRF cookie (bench/wrk/harvest.lua). Returns the env sign.lua and
    confirm.lua read the forms with, and how many there are.

    wrk runs for a set time even when every thread has stopped, so this runs it in short
    rounds until there are enough forms (or `within` s have gone)."""
    files = []
    made = 0
    remaining = list(paths) if paths is not None else None
    deadline = time.monotonic() + within
    round_no = 0
    while time.monotonic() < deadline:
        round_no += 1
        wanted = len(remaining) if remaining is not None else count - made
        if wanted <= 0:
            break
        out = Path(var_dir) / f"{name}-{round_no}-"
        env = {
            "WRK_DIR": str(WRK_DIR),
            "BENCH_RUN_ID": uuid.uuid4().hex[:8],
            "BENCH_HARVEST_OUT": str(out),
            "BENCH_HARVEST_PATH": path or "",
            "BENCH_HARVEST_COUNT": str(wanted),
            "BENCH_HARVEST_PATHS": "",
        }
        if remaining is not None:
            listing = Path(var_dir) / f"{name}-{round_no}.paths"
            listing.write_text("".join(p + "\n" for p in remaining))
            env["BENCH_HARVEST_PATHS"] = str(listing)
        run_wrk(server.url + (path or "/"), 4, 16, script="harvest.lua", env=env)
        for thread in (1, 2):
            written = Path(f"{out}{thread}")
            if not written.exists():
                continue
            files.append(str(written))
            lines = written.read_text().splitlines()
            made += len(lines)
            if remaining is not None:
                done = {line.split("\t", 1)[0] for line in lines}
                remaining = [p for p in remaining if p not in done]
    return {"BENCH_FORMS": ",".join(files)}, made
