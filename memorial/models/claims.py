from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from campaign.lib.translation_review import TranslationReviewed
from memorial.models.base import ContentQuerySet
from memorial.models.dates import DatePrecision, format_partial_date, iso_partial_date


class CountClaimQuerySet(ContentQuerySet):
    def public(self):
        return self.filter(published=True)

    def official_deaths(self):
        """Deaths acknowledged by the state, from which the 'name not known' places follow."""
        return self.public().filter(
            counted=CountClaim.Counted.KILLED,
            claimant_kind__in=[
                CountClaim.ClaimantKind.OFFICIAL,
                CountClaim.ClaimantKind.PROSECUTOR,
            ],
            low__isnull=False,
        )


class CountClaim(TranslationReviewed, models.Model):
    """One claimant's figure, never shown without its claimant, date, scope and source.

    A count is a range (low..high); a single number has low == high, and a figure given
    only in words ("dozens, perhaps hundreds", "more than 100") leaves both empty. Where the
    claimant's words carry more than a number can ("10, then 11, then 13, then 15"), both are
    kept and the words are shown. Graded as Airwars does.
    """

    class Counted(models.TextChoices):
        # Headings over groups of figures ("the killed"), unlike a person's harm ("killed").
        KILLED = "killed", pgettext_lazy("people counted", "killed")
        INJURED = "injured", pgettext_lazy("people counted", "injured")
        DETAINED = "detained", pgettext_lazy("people counted", "detained")
        CONVICTED = "convicted", pgettext_lazy("people counted", "convicted")

    class ClaimantKind(models.TextChoices):
        OFFICIAL = "official", _("officials")
        PROSECUTOR = "prosecutor", _("prosecutors")
        JOURNALIST = "journalist", _("journalists")
        CAMPAIGNER = "campaigner", _("campaigners")
        UN_NGO = "un_ngo", _("UN or NGO")

    class Grade(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed by the responsible party")
        FAIR = "fair", _("fair: two or more credible sources")
        WEAK = "weak", _("weak: one source")
        CONTESTED = "contested", _("contested")
        DISCOUNTED = "discounted", _("discounted")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    counted = models.CharField(_("what is counted"), max_length=10, choices=Counted)
    low = models.PositiveIntegerField(_("lowest number"), null=True, blank=True)
    high = models.PositiveIntegerField(_("highest number"), null=True, blank=True)
    words = models.CharField(
        _("figure in words"),
        max_length=200,
        blank=True,
        help_text=_("How the claimant put it, when not as a number."),
    )
    claimant = models.CharField(_("claimant"), max_length=200)
    claimant_kind = models.CharField(_("kind of claimant"), max_length=10, choices=ClaimantKind)
    stated_on = models.DateField(_("date stated"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    scope = models.CharField(_("scope"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade)
    is_unnamed_reference = models.BooleanField(
        _("reference for 'name not known' places"),
        default=False,
        help_text=_(
            "The official death toll against which the named dead are shown; "
            "the places without a name are this number minus the named dead."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=False)

    objects = CountClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("count claim")
        verbose_name_plural = _("count claims")
        ordering = ["position", "stated_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=models.F("high")),
                name="memorial_countclaim_low_not_above_high",
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=False) | (Q(words_en__isnull=False) & ~Q(words_en="")),
                name="memorial_countclaim_has_a_figure",
            ),
            models.UniqueConstraint(
                fields=["is_unnamed_reference"],
                condition=Q(is_unnamed_reference=True),
                name="memorial_countclaim_one_unnamed_reference",
            ),
        ]

    def __str__(self):
        return f"{self.figure} ({self.claimant_en or self.claimant})"

    @property
    def in_words(self):
        """A claim the claimant put in words ("10, then 11...", "more than 100") is read as
        text; its numbers only sort and compare it."""
        return bool(self.words_en)

    @property
    def figure(self):
        """The number or range as digits (no upper bound: 'at least'), else the claimant's words."""
        if self.in_words or self.low is None:
            return self.words
        if self.high is None:
            return gettext("at least %(number)s") % {"number": self.low}
        if self.high != self.low:
            return f"{self.low}\u2013{self.high}"
        return str(self.low)

    @property
    def highest(self):
        return self.high if self.high is not None else self.low

    @property
    def date_display(self):
        return format_partial_date(self.stated_on, self.date_precision)

    @property
    def date_iso(self):
        return iso_partial_date(self.stated_on, self.date_precision)
