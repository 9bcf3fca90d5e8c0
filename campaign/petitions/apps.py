from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """The petition app. Its label is the one it had when the project package was the app, so
    that its tables, migrations, permissions and admin URL names stay as they are."""

    name = "campaign.petitions"
    label = "campaign"
    verbose_name = _("Campaign")

    def ready(self):
        from campaign.lib.moderation import Queue, register_queue
        from campaign.petitions.models import Signature

        register_queue(
            Queue(
                key="comments",
                label=_("Comments"),
                title=_("Comments to moderate"),
                permission="campaign.view_signaturecomment",
                waiting=Signature.objects.comments_to_moderate,
                changelist="admin:campaign_signaturecomment_changelist",
                query="?queue=pending",
            )
        )
        register_queue(
            Queue(
                key="signatures_awaiting_email",
                label=_("Signatures awaiting e-mail confirmation"),
                title=_("Signatures awaiting e-mail confirmation"),
                permission="campaign.view_signature",
                waiting=Signature.objects.pending,
                changelist="admin:campaign_signature_changelist",
                query=f"?state__exact={Signature.State.PENDING}",
                on_index=False,
            )
        )
