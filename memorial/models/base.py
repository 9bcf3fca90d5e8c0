from django.db import models

from memorial.pagecache import content_changed


class ContentQuerySet(models.QuerySet):
    """Bulk writes send no save signal; they invalidate the cached pages here.

    Deletes need nothing: with post_delete receivers connected, Django deletes row by row
    and sends the signal for each (memorial.apps).
    """

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_changed()
        return rows

    update.alters_data = True

    def bulk_create(self, *args, **kwargs):
        objs = super().bulk_create(*args, **kwargs)
        content_changed()
        return objs

    bulk_create.alters_data = True

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        content_changed()
        return rows

    bulk_update.alters_data = True
