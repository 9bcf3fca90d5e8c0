from django.db import models
from django.utils.translation import gettext_lazy as _

MESSAGE_LENGTH = 300


class JobRun(models.Model):
    """One run of a periodic job through `manage.py run_job`, which the systemd job unit
    calls: the ops page shows each job's last one."""

    class Outcome(models.TextChoices):
        # Until the command ends; for good if its process was killed (a timeout, a reboot).
        RUNNING = "running", _("no end recorded")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    job = models.CharField(_("job"), max_length=100)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING
    )
    # The command's last line of output, or the error's first line: never a traceback, which
    # goes to the journal.
    message = models.CharField(_("message"), max_length=MESSAGE_LENGTH, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at"]
        indexes = [
            # The ops page's "last run of each job", and the pruning of a job's old runs.
            models.Index(fields=["job", "-started_at"], name="ops_jobrun_job_started"),
        ]

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M}"
