from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureCountShard(models.Model):
    """One slice of a petition's confirmed count, per country.

    Each confirmation adds one to the row (petition, country, signature id mod N), inside the
    transaction that confirms; withdrawal or rejection of a confirmed signature takes it away
    again. No row is written by every signature, so concurrent confirmations do not queue on
    one hot row (the UK petitions site fell over on exactly that in 2019), and both the total
    and the table by country are sums over a few dozen rows. `campaign.petitions.signing` is the
    only writer; `manage.py reconcile_counts` recomputes the rows from the signatures.
    """

    petition = models.ForeignKey(
        "campaign.Petition", on_delete=models.CASCADE, related_name="count_shards"
    )
    country = models.CharField(_("country"), max_length=2)
    shard = models.PositiveSmallIntegerField(_("shard"))
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("signature count shard")
        verbose_name_plural = _("signature count shards")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "country", "shard"], name="campaign_countshard_unique"
            ),
        ]

    def __str__(self):
        return f"{self.petition_id}/{self.country}/{self.shard}: {self.count}"
