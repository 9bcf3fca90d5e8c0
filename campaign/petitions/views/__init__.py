from campaign.petitions.views.links import confirm, withdraw
from campaign.petitions.views.petitions import (
    check_inbox,
    count_json,
    map_svg,
    petition_detail,
    petition_list,
    privacy,
)

__all__ = [
    "check_inbox",
    "confirm",
    "count_json",
    "map_svg",
    "petition_detail",
    "petition_list",
    "privacy",
    "withdraw",
]
