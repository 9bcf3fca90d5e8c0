from campaign.models.counts import SignatureCountShard
from campaign.models.moderation import ExportLog, SignatureComment
from campaign.models.petition import Petition, PetitionQuerySet
from campaign.models.signature import Signature, SignatureQuerySet

__all__ = [
    "ExportLog",
    "Petition",
    "PetitionQuerySet",
    "Signature",
    "SignatureComment",
    "SignatureCountShard",
    "SignatureQuerySet",
]
