"""deploy/nginx/zhanaozen.conf, rendered by deploy/nginx/render.sh, served by Debian's nginx.

The site file is the shipped one; only its markers get this test's values (ports, paths, a
self-signed certificate for `localhost`). nginx runs in the foreground under this process, with
a main configuration of its own in a temporary folder that stands in for Debian's nginx.conf.
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RENDER = ROOT / "deploy" / "nginx" / "render.sh"
ENV_FILE = ROOT / "deploy" / "zhanaozen.env"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")

# What Debian's /etc/nginx/nginx.conf gives a site file, with every path in `folder`.
MAIN_CONF = """\
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/zhanaozen.conf;
}}
"""


def shipped_environment():
    """deploy/zhanaozen.env as {variable: value}."""
    lines = ENV_FILE.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def require(program, package):
    """The path of `program`; skipped where it is missing, except in CI (.ci/run installs it)."""
    for candidate in (program, f"/usr/sbin/{program}", f"/usr/bin/{program}"):
        if found := shutil.which(candidate):
            return found
    message = f"{program} not found (Debian package {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI installs it in .ci/run.")
    pytest.skip(f"{message}: the reference deployment's nginx test is skipped")


def self_signed_certificate(folder):
    """A certificate for localhost and 127.0.0.1, valid for a day; returns (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            require("openssl", "openssl"),
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def render(values):
    """The shipped site file with `values` (render.sh's variables) in place of its markers."""
    result = subprocess.run(
        ["sh", str(RENDER)], env={**os.environ, **values}, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"render.sh failed:\n{result.stderr}")
    return result.stdout


def wait_for_port(port, process, log, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited early:\n{log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not listen on {port} within {timeout}s")


@contextmanager
def running_nginx(folder, values, https_port):
    """nginx serving the rendered site from `folder` until the block ends."""
    nginx = require("nginx", "nginx")
    folder.mkdir(exist_ok=True)
    (folder / "zhanaozen.conf").write_text(render(values))
    # Started as root, nginx would run its workers as nobody, who cannot read the test's
    # private temporary folders; production runs them as www-data with an ACL (README).
    user = "user root root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(MAIN_CONF.format(user=user, folder=folder))
    error_log = folder / "error.log"
    command = [nginx, "-p", str(folder), "-e", str(error_log), "-c", str(main)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode:
        raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(https_port, process, error_log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
