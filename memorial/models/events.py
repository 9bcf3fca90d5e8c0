from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.lib.translation_review import TranslationReviewed
from memorial.models.base import ContentQuerySet
from memorial.models.dates import DatePrecision, format_date_range, iso_partial_date


class EventQuerySet(ContentQuerySet):
    def public(self):
        return self.filter(published=True)


class Event(TranslationReviewed, models.Model):
    """A dated moment of the timeline, as precise as the sources allow.

    A date known only to the month or the year is stored as its earliest possible day, so the
    timeline sorts it there; `position` orders events that share a date as they happened.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        _("order on the same date"),
        default=0,
        help_text=_("Events on the same date are listed from the lowest number."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("body"), blank=True)
    featured = models.BooleanField(
        _("on the home page"),
        default=False,
        help_text=_("Featured events tell the story in a few paragraphs on the home page."),
    )
    published = models.BooleanField(_("published"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "position", "slug"]
        indexes = [
            # The timeline and the home page list published events by date.
            models.Index(fields=["published", "date"], name="memorial_event_public_date"),
        ]

    def __str__(self):
        return f"{self.date_iso} {self.title}"

    def get_absolute_url(self):
        return reverse("memorial:timeline") + f"#{self.slug}"

    @property
    def date_display(self):
        return format_date_range(self.date, self.end_date, self.date_precision)

    @property
    def date_iso(self):
        return iso_partial_date(self.date, self.date_precision)

    @property
    def end_date_iso(self):
        return iso_partial_date(self.end_date, self.date_precision)
