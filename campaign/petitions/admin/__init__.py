"""The campaign's admin: petitions, signatures and their fraud tools, the comment queue, the
export log and the dashboard. Importing the modules registers their ModelAdmins."""

from campaign.petitions.admin import comments, exports, petitions, signatures  # noqa: F401
