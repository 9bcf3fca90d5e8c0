from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TributeQuerySet(models.QuerySet):
    def counted(self):
        """Every candle lit, except those a moderator rejected as abuse."""
        return self.exclude(state=Tribute.State.REJECTED)

    def approved(self):
        """Candles whose message a moderator has let through, for public display."""
        return self.filter(state=Tribute.State.APPROVED).exclude(message="")

    def pending(self):
        return self.filter(state=Tribute.State.PENDING)


class Tribute(models.Model):
    """A candle. It counts at once; its message is shown only after moderation."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    first_name = models.CharField(_("first name"), max_length=40, blank=True)
    message = models.CharField(_("message"), max_length=280, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State, default=State.PENDING)
    created_at = models.DateTimeField(_("lit at"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    objects = TributeQuerySet.as_manager()

    class Meta:
        verbose_name = _("candle")
        verbose_name_plural = _("candles")
        ordering = ["-created_at"]
        permissions = [("moderate_tribute", _("Can approve or reject candles"))]
        indexes = [
            # The candles page lists approved messages, newest first.
            models.Index(fields=["state", "-created_at"], name="memorial_tribute_state_new"),
        ]

    def __str__(self):
        return self.first_name or str(_("Anonymous candle"))


class CorrectionRequestQuerySet(models.QuerySet):
    def new(self):
        return self.filter(state=CorrectionRequest.State.NEW)

    def open(self):
        return self.filter(
            state__in=[CorrectionRequest.State.NEW, CorrectionRequest.State.IN_PROGRESS]
        )

    def set_state(self, state):
        """Move requests to `state`; a settled request forgets how to reach its sender."""
        changes = {"state": state, "handled_at": timezone.now()}
        if state in CorrectionRequest.SETTLED:
            changes["contact"] = ""
        return self.exclude(state=state).update(**changes)


class CorrectionRequest(models.Model):
    """A request to correct, anonymise or remove an entry; seen only by moderators."""

    class Relation(models.TextChoices):
        SELF = "self", _("I am the person named")
        FAMILY = "family", _("family member")
        FRIEND = "friend", _("friend or colleague")
        RESEARCHER = "researcher", _("journalist or researcher")
        OTHER = "other", _("other")

    class Action(models.TextChoices):
        CORRECT = "correct", _("correct something")
        ANONYMISE = "anonymise", _("hide the name")
        REMOVE = "remove", _("remove the entry")
        ADD = "add", _("add information")
        OTHER = "other", _("something else")

    class State(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DECLINED = "declined", _("declined")

    person = models.ForeignKey(
        "memorial.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="correction_requests",
        verbose_name=_("person"),
    )
    requester_name = models.CharField(_("your name"), max_length=200)
    contact = models.CharField(
        _("how to reach you"),
        max_length=254,
        help_text=_("An e-mail address or a phone number, so that we can answer you."),
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation)
    action = models.CharField(_("what you ask"), max_length=10, choices=Action)
    message = models.TextField(_("what should change"), max_length=4000)
    language = models.CharField(_("language"), max_length=10, blank=True)
    state = models.CharField(_("state"), max_length=11, choices=State, default=State.NEW)
    moderator_note = models.TextField(_("moderator's note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = CorrectionRequestQuerySet.as_manager()

    SETTLED = (State.DONE, State.DECLINED)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at"]
        permissions = [
            ("moderate_correctionrequest", _("Can handle correction and removal requests"))
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.person or '-'} ({self.created_at:%Y-%m-%d})"

    def apply_state(self):
        """After a moderator edits the state by hand: stamp it, and forget the contact once
        the request is settled (the form promises the sender as much)."""
        self.handled_at = timezone.now()
        if self.state in self.SETTLED:
            self.contact = ""
