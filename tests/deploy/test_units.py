"""The systemd units of deploy/systemd: they run what exists, systemd accepts them, and they
keep their sandbox. The units name the code's place, /srv/zhanaozen; the checks read copies
that name this checkout instead, so that systemd finds the programs they start."""

import importlib.util
import re
import shlex
import subprocess

import pytest
from django.core.management import get_commands

from tests.deploy.proxy import ROOT, render, require, shipped_environment

UNITS = ROOT / "deploy" / "systemd"
INSTALLED_AT = "/srv/zhanaozen"
DAILY_JOBS = (UNITS / "daily-jobs").read_text().split()
SERVICES = ["zhanaozen-web.service", "zhanaozen-worker.service"] + [
    f"zhanaozen-job@{job}.service" for job in DAILY_JOBS
]
# systemd-analyze security's overall exposure, in tenths: 0 is a full sandbox, 100 none. The
# units measured 1.4 ("OK") when written; 2.0 allows a small, deliberate loosening.
MAX_EXPOSURE = 20


def exec_start(unit):
    line = re.search(r"^ExecStart=(.*)$", (UNITS / unit).read_text(), re.MULTILINE)
    return shlex.split(line.group(1))


def test_the_web_unit_starts_the_shipped_gunicorn_config_and_wsgi_module():
    program, option, config, module = exec_start("zhanaozen-web.service")

    assert (program, option) == (f"{INSTALLED_AT}/.venv/bin/gunicorn", "-c")
    assert (ROOT / config).is_file()
    assert importlib.util.find_spec(module) is not None


def test_every_command_the_units_run_exists():
    commands = get_commands()
    worker = exec_start("zhanaozen-worker.service")
    job = exec_start("zhanaozen-job@.service")

    assert worker[1:] == ["manage.py", "db_worker"]
    assert job[1:] == ["manage.py", "run_job", "%i"]
    assert {"db_worker", "run_job"} <= set(commands)
    assert [name for name in DAILY_JOBS if name not in commands] == []


@pytest.fixture
def installed_units(tmp_path):
    """The units as systemd would load them from this checkout, one job per daily command."""
    for unit in UNITS.glob("zhanaozen-*"):
        text = unit.read_text().replace(INSTALLED_AT, str(ROOT))
        names = [unit.name]
        if "@." in unit.name:
            names = [unit.name.replace("@.", f"@{job}.") for job in DAILY_JOBS]
        for name in names:
            (tmp_path / name).write_text(text)
    return tmp_path


def test_systemd_accepts_the_units(installed_units):
    analyze = require("systemd-analyze", "systemd")
    units = sorted(path.name for path in installed_units.iterdir())

    result = subprocess.run(
        [analyze, "verify", "--man=no", *units],
        cwd=installed_units,
        capture_output=True,
        text=True,
    )

    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("unit", SERVICES)
def test_every_service_keeps_its_sandbox(installed_units, unit):
    analyze = require("systemd-analyze", "systemd")

    result = subprocess.run(
        [analyze, "security", "--offline=yes", f"--threshold={MAX_EXPOSURE}", unit],
        cwd=installed_units,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout.splitlines()[-1]


def test_the_shipped_files_agree_on_addresses_and_paths():
    """Rendered with its defaults, the nginx file proxies to the env file's gunicorn, serves
    its state directory (the one the units write to) and redirects to its SITE_URL."""
    env = shipped_environment()
    domain = env["DJANGO_ALLOWED_HOSTS"]
    site = render({"DOMAIN": domain})
    web = (UNITS / "zhanaozen-web.service").read_text()

    assert env["SITE_URL"] == f"https://{domain}"
    assert f"return 301 {env['SITE_URL']}$request_uri;" in site
    assert site.count(f"proxy_pass http://{env['GUNICORN_BIND']};") == 2
    assert f"alias {env['DJANGO_VAR_DIR']}/static/;" in site
    assert f"alias {env['DJANGO_VAR_DIR']}/media/;" in site
    assert f"ReadWritePaths={env['DJANGO_VAR_DIR']}\n" in web
    assert env["DJANGO_VAR_DIR"] == "/var/lib/" + re.search(r"^StateDirectory=(.*)$", web, re.M)[1]
