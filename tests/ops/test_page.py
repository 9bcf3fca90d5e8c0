"""The ops page in the admin: superusers only, behind the admin's login and second factor, with
figures read from what really happened (tasks queued, jobs run, a 500 answered)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaign.backups import store
from campaign.ops.models import JobRun
from campaign.petitions.tasks import send_signature_email
from tests.campaign.factories import make_petition, make_signature
from tests.staff.otp import verified_login

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def ops_url():
    return reverse("admin:ops")


def test_the_page_is_the_ops_apps_index_in_the_admin(ops_url):
    assert ops_url == reverse("admin:app_list", kwargs={"app_label": "ops"})


def test_an_anonymous_visitor_is_sent_to_the_login(client, ops_url):
    response = client.get(ops_url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_moderator_is_refused(client, moderator, ops_url):
    verified_login(client, moderator)

    assert client.get(ops_url).status_code == 403


def test_a_superuser_without_the_second_factor_is_sent_to_the_login(client, superuser, ops_url):
    client.force_login(superuser)

    response = client.get(ops_url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_superuser_sees_every_figure_never_cached(client, superuser, ops_url):
    verified_login(client, superuser)

    response = client.get(ops_url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    for section in ("email-queue", "jobs", "backup", "database", "server-errors"):
        assert f'id="ops-{section}"' in response.text


def test_the_admin_index_links_to_it_for_superusers_only(client, superuser, moderator, ops_url):
    verified_login(client, superuser)
    assert f'href="{ops_url}"' in client.get(reverse("admin:index")).text

    verified_login(client, moderator)
    assert ops_url not in client.get(reverse("admin:index")).text


# The worker closes the database connection between tasks, which a test transaction cannot
# survive on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_the_queue_shows_the_tasks_waiting_and_the_oldest_ones_age(
    client, superuser, ops_url, settings
):
    settings.TASKS = QUEUED
    petition = make_petition()
    for _ in range(3):
        send_signature_email.enqueue(make_signature(petition).pk)
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.order_by("enqueued_at").first().pk).update(
        enqueued_at=timezone.now() - timedelta(hours=3)
    )
    verified_login(client, superuser)

    figures = client.get(ops_url).context["figures"]

    assert (figures.queue.queued, figures.queue.waiting, figures.queue.running) == (True, 3, 0)
    assert timezone.now() - figures.queue.oldest_enqueued_at >= timedelta(hours=3)

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    page = client.get(ops_url)
    assert page.context["figures"].queue.waiting == 0
    assert page.context["figures"].queue.oldest_enqueued_at is None


def test_with_the_immediate_backend_the_page_says_nothing_queues(client, superuser, ops_url):
    verified_login(client, superuser)

    response = client.get(ops_url)

    assert response.context["figures"].queue.queued is False
    assert "DJANGO_TASKS_BACKEND=immediate" in response.text


def test_each_daily_job_shows_its_last_run_and_result(client, superuser, ops_url):
    call_command("run_job", "reconcile_counts")
    # A command that fails for real: the production checks on the test settings.
    with pytest.raises(CommandError):
        call_command("run_job", "check", "--deploy", "--fail-level", "WARNING")
    verified_login(client, superuser)

    response = client.get(ops_url)

    runs = dict(response.context["figures"].jobs)
    assert runs["reconcile_counts"].outcome == JobRun.Outcome.SUCCEEDED
    assert runs["check"].outcome == JobRun.Outcome.FAILED
    assert runs["check"].message.startswith("SystemCheckError")
    # Listed before their first run: deploy/systemd/daily-jobs names them.
    assert runs["purge_unconfirmed"] is None
    assert 'class="ops-job-failed"' in response.text
    assert 'class="ops-job-never"' in response.text


def test_the_last_backup_shows_its_age_and_size(client, superuser, ops_url, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    older = store.path_for(timezone.now() - timedelta(days=2))
    newer = store.path_for(timezone.now() - timedelta(hours=5))
    older.write_bytes(b"x" * 10)
    newer.write_bytes(b"x" * 2048)
    verified_login(client, superuser)

    response = client.get(ops_url)

    backup = response.context["figures"].backup
    assert (backup.path, backup.size) == (newer, 2048)
    assert "2.0\xa0KB" in response.text
    assert "5\xa0hours ago" in response.text


def test_without_a_backup_the_page_says_so(client, superuser, ops_url, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "none"
    verified_login(client, superuser)

    assert "No backup yet." in client.get(ops_url).text


def test_the_database_size_is_measured(client, superuser, ops_url):
    verified_login(client, superuser)

    figures = client.get(ops_url).context["figures"]

    assert figures.database_bytes > 0


def test_a_real_500_is_counted(client, superuser, ops_url, monkeypatch):
    def broken():
        raise RuntimeError("a bug in a query")

    visitor = Client(raise_request_exception=False)
    monkeypatch.setattr("memorial.queries.featured_events", broken)
    verified_login(client, superuser)
    assert client.get(ops_url).context["figures"].server_errors_total == 0

    assert visitor.get(reverse("memorial:home")).status_code == 500
    assert visitor.get(reverse("memorial:home")).status_code == 500

    response = client.get(ops_url)
    figures = response.context["figures"]
    assert figures.server_errors_total == 2
    assert figures.server_errors[0][1] == 2, "both in the current hour"
    assert "2 in the last 24 hours." in response.text


def test_a_404_is_not_a_server_error(client, superuser, ops_url):
    assert Client().get("/en/no-such-page/").status_code == 404
    verified_login(client, superuser)

    assert client.get(ops_url).context["figures"].server_errors_total == 0


def test_a_failing_cache_loses_the_count_quietly(client, monkeypatch, capsys):
    """The 500 is answered and logged as ever, without a second traceback for the count."""

    def broken():
        raise RuntimeError("a bug in a query")

    def refuse(*args, **kwargs):
        raise OSError("read-only file system")

    monkeypatch.setattr("memorial.queries.featured_events", broken)
    monkeypatch.setattr("campaign.ops.errors.cache.add", refuse)

    assert Client(raise_request_exception=False).get(reverse("memorial:home")).status_code == 500
    assert "Logging error" not in capsys.readouterr().err
