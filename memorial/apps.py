from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

CONTENT_MODELS = ["Source", "Citation", "Event", "Person", "NameVariant", "Harm", "CountClaim"]


class MemorialConfig(AppConfig):
    name = "memorial"
    verbose_name = _("Memorial")

    def ready(self):
        self.register_moderation()
        # Cache invalidation only: any change to what the public pages show files the cached
        # pages under a stale version (memorial.pagecache). No data flow depends on this.
        from memorial.pagecache import content_changed

        for name in CONTENT_MODELS:
            model = self.get_model(name)
            post_save.connect(content_changed, sender=model, dispatch_uid=f"memorial-{name}-save")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"memorial-{name}-delete"
            )

    def register_moderation(self):
        """The queues on the admin index and the dashboard, and the candles' daily chart."""
        from campaign.lib.moderation import Activity, Queue, register_activity, register_queue
        from memorial.candles import candle_count
        from memorial.models import CorrectionRequest, Tribute

        register_queue(
            Queue(
                key="candles",
                label=_("Candles"),
                title=_("Candles to moderate"),
                permission="memorial.view_tribute",
                waiting=Tribute.objects.pending,
                changelist="admin:memorial_tribute_changelist",
                query=f"?state__exact={Tribute.State.PENDING}",
            )
        )
        register_queue(
            Queue(
                key="corrections",
                label=_("Correction requests"),
                title=_("New correction requests"),
                permission="memorial.view_correctionrequest",
                waiting=CorrectionRequest.objects.new,
                changelist="admin:memorial_correctionrequest_changelist",
                query=f"?state__exact={CorrectionRequest.State.NEW}",
            )
        )
        register_activity(
            Activity(
                key="candles",
                rows=Tribute.objects.all,
                states=Tribute.State,
                order=(Tribute.State.APPROVED, Tribute.State.PENDING, Tribute.State.REJECTED),
                counted=candle_count,
            )
        )
