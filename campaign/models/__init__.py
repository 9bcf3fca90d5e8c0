from campaign.models.counts import SignatureCountShard
from campaign.models.petition import Petition, PetitionQuerySet
from campaign.models.signature import Signature, SignatureQuerySet

__all__ = [
    "Petition",
    "PetitionQuerySet",
    "Signature",
    "SignatureCountShard",
    "SignatureQuerySet",
]
