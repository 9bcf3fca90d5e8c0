from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

CONTENT_MODELS = ["Source", "Citation", "Event", "Person", "NameVariant", "Harm", "CountClaim"]


class MemorialConfig(AppConfig):
    name = "memorial"
    verbose_name = _("Memorial")

    def ready(self):
        # Cache invalidation only: any change to what the public pages show files the cached
        # pages under a stale version (memorial.pagecache). No data flow depends on this.
        from memorial.pagecache import content_changed

        for name in CONTENT_MODELS:
            model = self.get_model(name)
            post_save.connect(content_changed, sender=model, dispatch_uid=f"memorial-{name}-save")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"memorial-{name}-delete"
            )
