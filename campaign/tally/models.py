from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One day's confirmed count of one petition, a link in that petition's hash chain.

    Written only by `manage.py record_tally` (campaign.tally.chain) and never changed: the
    admin shows entries read-only, and `verify_tally` recomputes every hash.
    """

    petition = models.ForeignKey(
        "campaign.Petition", on_delete=models.PROTECT, related_name="tally_entries"
    )
    # The slug the hash was computed over, kept so a renamed petition's chain still verifies.
    slug = models.SlugField(_("petition slug"), max_length=80)
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("confirmed signatures"))
    change = models.IntegerField(_("change"))
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("tally entry")
        verbose_name_plural = _("tally entries")
        ordering = ["petition", "date"]
        constraints = [
            # Also the index every chain is read through (a petition's entries by date).
            models.UniqueConstraint(fields=["petition", "date"], name="tally_entry_one_per_day"),
            # A chain never forks: no two entries follow the same one.
            models.UniqueConstraint(
                fields=["petition", "previous_hash"], name="tally_entry_one_successor"
            ),
        ]

    def __str__(self):
        return f"{self.slug} {self.date.isoformat()}: {self.count}"

    def hashed_fields(self):
        """What the hash covers, as published; campaign.tally.chain.canonical serialises it."""
        return {
            "petition": self.slug,
            "date": self.date.isoformat(),
            "count": self.count,
            "change": self.change,
            "previous_hash": self.previous_hash,
        }

    def published(self):
        return {**self.hashed_fields(), "hash": self.hash}
