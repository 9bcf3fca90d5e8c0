"""The two commands of the set-up contract, run for real."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.campaign.live_gunicorn import free_port

ROOT = Path(__file__).resolve().parents[2]


def make(*args, **kwargs):
    env = {k: v for k, v in os.environ.items() if k != "PYTHON"}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def test_makefile_finds_a_python_of_3_12_or_newer():
    result = make("which-python")
    assert result.returncode == 0, result.stderr
    interpreter = result.stdout.strip()
    version = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version_info[:2] >= (3, 12))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == "True"


def test_makefile_says_what_to_install_when_no_python_is_new_enough(tmp_path):
    old = tmp_path / "bin"
    old.mkdir()
    fake = old / "python3"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    env = {
        "PATH": f"{old}:/usr/bin:/bin",
        "PYENV_ROOT": str(tmp_path / "no-pyenv"),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        ["make", "--no-print-directory", "python"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "No Python 3.12 or newer found" in result.stderr
    assert "pyenv install 3.13" in result.stderr


@pytest.mark.live_server_process
def test_make_run_serves_the_production_site(tmp_path):
    """`make run` migrates, loads the content and serves with DEBUG off on $PORT."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_VAR_DIR": str(tmp_path),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "PYTHON": sys.executable,
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz/", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "make run did not serve within 240 s"
                time.sleep(0.5)
        with urllib.request.urlopen(base + "/en/", timeout=10) as response:
            html = response.read().decode()
            assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert "Zhanaozen" in html
        # Canonical links (and the links e-mailed to signers) follow the port served.
        assert f'<link rel="canonical" href="{base}/en/">' in html
        assert "Torebek Tolegenov" in html or "Tolegenov" in html
        with urllib.request.urlopen(base + "/en/petitions/", timeout=10) as response:
            assert response.status == 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/en/no-such-page/", timeout=10)
        body = missing.value.read().decode()
        assert missing.value.code == 404
        assert "Page not found" in body and "Traceback" not in body  # DEBUG is off
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
