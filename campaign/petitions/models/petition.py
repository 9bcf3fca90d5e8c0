from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.lib.translation_review import TranslationReviewed
from campaign.petitions import caching


class PetitionQuerySet(models.QuerySet):
    def public(self):
        """Petitions a visitor may see: open, or closed with their final count."""
        return self.exclude(state=Petition.State.DRAFT).filter(opens_at__lte=timezone.now())

    def open(self):
        now = timezone.now()
        return self.filter(state=Petition.State.OPEN, opens_at__lte=now).filter(
            models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=now)
        )

    def with_counts(self):
        """Annotate `confirmed_total`: one query for a whole list, whatever its length."""
        return self.annotate(
            confirmed_total=Coalesce(Sum("count_shards__count"), 0),
        )


class Petition(TranslationReviewed, models.Model):
    """A demand that supporters sign, with a goal and an opening and closing date."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    demands = models.TextField(
        _("demands"), help_text=_("One demand or question per line; shown as a numbered list.")
    )
    addressees = models.CharField(_("addressed to"), max_length=300)
    sources = models.TextField(
        _("sources"), blank=True, help_text=_("One source per line, for the facts in the text.")
    )
    goal = models.PositiveIntegerField(_("goal"), default=10_000)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=6, choices=State, default=State.DRAFT)
    anonymised_at = models.DateTimeField(
        _("signers' data anonymised at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-opens_at", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="campaign_petition_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign:petition_detail", kwargs={"slug": self.slug})

    def is_open(self, now=None):
        """Open for signing: published as open, and inside its opening and closing dates."""
        now = now or timezone.now()
        return (
            self.state == self.State.OPEN
            and self.opens_at <= now
            and (self.closes_at is None or now < self.closes_at)
        )

    def is_closed(self, now=None):
        now = now or timezone.now()
        return self.state == self.State.CLOSED or (
            self.closes_at is not None and now >= self.closes_at
        )

    def demand_items(self):
        return [line.strip() for line in self.demands.splitlines() if line.strip()]

    def source_items(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def exact_count(self):
        """Confirmed signatures now: a sum over a few dozen counter rows, never a COUNT(*)."""
        return self.count_shards.aggregate(total=Coalesce(Sum("count"), 0))["total"]

    @property
    def confirmed_count(self):
        """The exact count, cached for CAMPAIGN_COUNT_CACHE_SECONDS across all workers."""
        key = caching.count_key(self.slug)
        total = cache.get(key)
        if total is None:
            total = self.exact_count()
            cache.set(key, total, settings.CAMPAIGN_COUNT_CACHE_SECONDS)
        return total

    def progress_percent(self, count=None):
        count = self.confirmed_count if count is None else count
        if not self.goal:
            return 100
        return min(100, count * 100 // self.goal)
