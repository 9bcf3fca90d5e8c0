from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaign.lib.translation_review import TranslationReviewed
from memorial.models.base import ContentQuerySet
from memorial.models.dates import DatePrecision, format_partial_date, iso_partial_date


class PersonQuerySet(ContentQuerySet):
    def public(self):
        """Published and not withdrawn: the one rule every public surface applies."""
        return self.filter(published=True).exclude(consent=Person.Consent.WITHDRAWN)

    def search(self, text):
        """Match the name in any language or any recorded spelling variant."""
        text = (text or "").strip()
        if not text:
            return self
        matching = Q(name_en__icontains=text) | Q(name_ru__icontains=text)
        matching |= Q(name_kk__icontains=text)
        variant_of = NameVariant.objects.filter(spelling__icontains=text).values("person_id")
        return self.filter(matching | Q(pk__in=variant_of))

    def with_harm(self, kind):
        """People with a public harm of `kind`: a harm kept for editors never selects anyone."""
        return self.filter(pk__in=Harm.objects.public().filter(kind=kind).values("person_id"))


class Person(TranslationReviewed, models.Model):
    """Someone the sources name. `name` is translated: Latin (en), Russian and Kazakh Cyrillic."""

    class Visibility(models.TextChoices):
        FULL = "full", _("full name")
        FIRST_NAME = "first_name", _("first name only")
        INITIALS = "initials", _("initials only")
        ANONYMOUS = "anonymous", _("anonymous")

    class Consent(models.TextChoices):
        FAMILY = "family", _("family consent")
        PUBLIC_RECORD = "public_record", _("public record")
        UNKNOWN = "unknown", _("unknown")
        WITHDRAWN = "withdrawn", _("withdrawn")

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Part of the public address; change it too when the name is hidden."),
    )
    name = models.CharField(_("name"), max_length=200)
    visibility = models.CharField(
        _("visibility of the name"), max_length=12, choices=Visibility, default=Visibility.FULL
    )
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    home_town = models.CharField(_("home town"), max_length=200, blank=True)
    biography = models.TextField(_("what the sources say"))
    photo = models.FileField(
        _("photo"),
        upload_to="memorial/people/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=300, blank=True)
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    consent = models.CharField(
        _("consent status"), max_length=14, choices=Consent, default=Consent.PUBLIC_RECORD
    )
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Declared for the type checker only, never stored: django-modeltranslation adds a name
    # per language (memorial.translation), and memorial.queries.group_people sets the other
    # two on the people it lists.
    name_en: str
    sorted_harms: list["Harm"]
    opening_harm: "Harm"

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_en", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | (Q(photo_alt_en__isnull=False) & ~Q(photo_alt_en="")),
                name="memorial_person_photo_has_alt_text",
            ),
        ]

    def __str__(self):
        return self.name_en or self.slug

    def get_absolute_url(self):
        return reverse("memorial:person_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.published and self.consent != self.Consent.WITHDRAWN

    @property
    def display_name(self):
        """The name as far as the chosen naming level allows."""
        if self.visibility == self.Visibility.ANONYMOUS:
            return _("Name withheld")
        parts = (self.name or "").split()
        if self.visibility == self.Visibility.FIRST_NAME and parts:
            return parts[0]
        if self.visibility == self.Visibility.INITIALS and parts:
            return " ".join(f"{part[0]}." for part in parts)
        return self.name

    @property
    def shows_spellings(self):
        return self.visibility == self.Visibility.FULL


class NameVariant(models.Model):
    """A spelling of a person's name, with the source that prints it or marked as ours.

    A variant without a source is an editor's transliteration, shown as such so that a
    reviewer can check it; it is never presented as sourced.
    """

    class Script(models.TextChoices):
        LATIN = "latin", _("Latin")
        CYRILLIC_RU = "cyrillic_ru", _("Russian Cyrillic")
        CYRILLIC_KK = "cyrillic_kk", _("Kazakh Cyrillic")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="variants")
    spelling = models.CharField(_("spelling"), max_length=200)
    script = models.CharField(_("script"), max_length=12, choices=Script)
    source = models.ForeignKey(
        "memorial.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="name_variants",
        help_text=_("Leave empty when the spelling is our own transliteration."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("spelling variant")
        verbose_name_plural = _("spelling variants")
        ordering = ["script", "spelling"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "spelling"], name="memorial_namevariant_unique_spelling"
            ),
        ]

    def __str__(self):
        return self.spelling

    @property
    def is_transliteration(self):
        return self.source_id is None


class HarmQuerySet(ContentQuerySet):
    def public(self):
        return self.exclude(disclosure=Harm.Disclosure.EDITORS_ONLY)


class Harm(TranslationReviewed, models.Model):
    """What was done to a person, with date, place and sources.

    `disclosure` carries the care rule for sexual violence: a public page ties it to a named
    person only where she spoke of it publicly herself, or she or her family consented.
    Otherwise the harm is kept for editors, and public pages name the person without it.
    """

    class Kind(models.TextChoices):
        KILLED = "killed", _("killed")
        DIED_IN_CUSTODY = "died_in_custody", _("died in custody")
        WOUNDED = "wounded", _("wounded")
        DETAINED = "detained", _("detained")
        TORTURED = "tortured", _("tortured")
        SEXUAL_VIOLENCE = "sexual_violence", _("sexual violence in detention")
        IMPRISONED = "imprisoned", _("imprisoned")

    class Disclosure(models.TextChoices):
        REPORTED = "reported", _("reported in the sources")
        OWN_ACCOUNT = "own_account", _("the person spoke of it publicly")
        CONSENT = "consent", _("the person or the family consented")
        EDITORS_ONLY = "editors_only", _("kept for editors, never shown")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="harms")
    kind = models.CharField(_("what was done"), max_length=16, choices=Kind)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    disclosure = models.CharField(
        _("shown on public pages"),
        max_length=12,
        choices=Disclosure,
        default=Disclosure.REPORTED,
        help_text=_(
            "Sexual violence is shown only where the person spoke of it publicly herself, "
            "or she or her family consented; otherwise keep it for editors."
        ),
    )

    objects = HarmQuerySet.as_manager()

    class Meta:
        verbose_name = _("harm")
        verbose_name_plural = _("harms")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="memorial_harm_one_per_kind"),
            models.CheckConstraint(
                condition=~Q(kind="sexual_violence", disclosure="reported"),
                name="memorial_harm_sexual_violence_own_word_or_consent",
                violation_error_message=_(
                    "Sexual violence is shown only where the person spoke of it publicly "
                    "herself or consented; otherwise keep it for editors."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    @property
    def date_iso(self):
        return iso_partial_date(self.date, self.date_precision)

    @property
    def is_public(self):
        return self.disclosure != self.Disclosure.EDITORS_ONLY
