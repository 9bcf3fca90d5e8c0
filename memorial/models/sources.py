from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from campaign.lib.translation_review import TranslationReviewed
from memorial.models.base import ContentQuerySet
from memorial.models.dates import DatePrecision, format_partial_date, iso_partial_date


class SourceQuerySet(ContentQuerySet):
    def public(self):
        return self.filter(published=True)


class Source(TranslationReviewed, models.Model):
    """A published document a fact is taken from; its title stays in its original language."""

    class Kind(models.TextChoices):
        PRESS = "press", _("independent press")
        OFFICIAL = "official", _("official statement")
        UN_NGO = "un_ngo", _("UN or NGO")
        CAMPAIGN = "campaign", _("campaign")
        TESTIMONY = "testimony", _("testimony")

    key = models.SlugField(
        _("key"), max_length=80, unique=True, help_text=_("Stable identifier, e.g. pn21.")
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("As published; empty when the title is not recorded."),
    )
    publisher = models.CharField(_("publisher"), max_length=200)
    author = models.CharField(_("author"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    archived_url = models.URLField(_("archived copy"), max_length=500, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("Language code, e.g. en, ru, kk.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    note = models.TextField(_("note"), blank=True)
    published = models.BooleanField(_("published"), default=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "published_on", "key"]

    def __str__(self):
        return f"{self.publisher}: {self.title or self.key}"

    @property
    def date_display(self):
        return format_partial_date(self.published_on, self.date_precision)

    @property
    def date_iso(self):
        return iso_partial_date(self.published_on, self.date_precision)

    @property
    def is_campaigning(self):
        return self.kind == self.Kind.CAMPAIGN


class CitationQuerySet(ContentQuerySet):
    def public(self):
        """Published sources, in the order they were cited, campaigning sources last: a fact
        an independent source reports is never shown resting on a campaign first."""
        campaigning_last = Case(
            When(source__kind=Source.Kind.CAMPAIGN, then=Value(1)), default=Value(0)
        )
        return (
            self.filter(source__published=True)
            .select_related("source")
            .order_by(campaigning_last, "pk")
        )


class Citation(TranslationReviewed, models.Model):
    """One source backing one event, person, harm or count claim (exactly one of the four).

    One table rather than four through models: the admin, the integrity tests and the
    open-data export treat every citation alike, and a check constraint keeps it to one target.
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    event = models.ForeignKey(
        "memorial.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    person = models.ForeignKey(
        "memorial.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    harm = models.ForeignKey(
        "memorial.Harm", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    claim = models.ForeignKey(
        "memorial.CountClaim",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    note = models.CharField(
        _("what it is cited for"),
        max_length=300,
        blank=True,
        help_text=_(
            'The fact this source gives, shown beside it, e.g. "the date the trial opened".'
        ),
    )

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["source__published_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        event__isnull=False,
                        person__isnull=True,
                        harm__isnull=True,
                        claim__isnull=True,
                    )
                    | Q(
                        event__isnull=True,
                        person__isnull=False,
                        harm__isnull=True,
                        claim__isnull=True,
                    )
                    | Q(
                        event__isnull=True,
                        person__isnull=True,
                        harm__isnull=False,
                        claim__isnull=True,
                    )
                    | Q(
                        event__isnull=True,
                        person__isnull=True,
                        harm__isnull=True,
                        claim__isnull=False,
                    )
                ),
                name="memorial_citation_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["source", "event"],
                condition=Q(event__isnull=False),
                name="memorial_citation_unique_event",
            ),
            models.UniqueConstraint(
                fields=["source", "person"],
                condition=Q(person__isnull=False),
                name="memorial_citation_unique_person",
            ),
            models.UniqueConstraint(
                fields=["source", "harm"],
                condition=Q(harm__isnull=False),
                name="memorial_citation_unique_harm",
            ),
            models.UniqueConstraint(
                fields=["source", "claim"],
                condition=Q(claim__isnull=False),
                name="memorial_citation_unique_claim",
            ),
        ]

    def __str__(self):
        return str(self.source)
