from campaign.models.counts import SignatureCountShard
from campaign.models.health import Heartbeat
from campaign.models.moderation import ExportLog, SignatureComment
from campaign.models.petition import Petition, PetitionQuerySet
from campaign.models.signature import Signature, SignatureQuerySet

__all__ = [
    "ExportLog",
    "Heartbeat",
    "Petition",
    "PetitionQuerySet",
    "Signature",
    "SignatureComment",
    "SignatureCountShard",
    "SignatureQuerySet",
]
