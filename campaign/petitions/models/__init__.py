from campaign.petitions.models.counts import SignatureCountShard
from campaign.petitions.models.health import Heartbeat
from campaign.petitions.models.moderation import ExportLog, SignatureComment
from campaign.petitions.models.petition import Petition, PetitionQuerySet
from campaign.petitions.models.signature import Signature, SignatureQuerySet

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
