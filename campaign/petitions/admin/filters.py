"""List filters that cost the same on any table size.

Django's default filter for a plain field lists its values with a SELECT DISTINCT over the
whole table; the country filter reads them from the count shards (a few dozen rows) instead.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from campaign.petitions import fraud
from campaign.petitions.countries import country_name
from campaign.petitions.models import Signature, SignatureCountShard


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            SignatureCountShard.objects.filter(count__gt=0)
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        return [(code, f"{country_name(code)} ({code})") for code in codes]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value().upper())
        return queryset


class SuspiciousFilter(admin.SimpleListFilter):
    """Signatures inside the most recent bursts from one client or one e-mail domain."""

    title = _("suspicion")
    parameter_name = "suspicious"

    def lookups(self, request, model_admin):
        return [
            (fraud.CLIENT, _("burst from one client")),
            (fraud.DOMAIN, _("burst from one e-mail domain")),
        ]

    def queryset(self, request, queryset):
        field = self.value()
        if field not in (fraud.CLIENT, fraud.DOMAIN):
            return queryset
        return queryset.filter(fraud.in_bursts(field, fraud.recent_bursts(field)))


class CommentQueueFilter(admin.SimpleListFilter):
    """The comment queue opens on the comments waiting for a moderator."""

    title = _("comment state")
    parameter_name = "queue"
    ALL = "all"

    def lookups(self, request, model_admin):
        Comment = Signature.CommentState
        return [
            (Comment.PENDING, _("waiting for moderation")),
            (Comment.APPROVED, _("approved")),
            (Comment.REJECTED, _("rejected")),
            (self.ALL, _("all")),
        ]

    def value(self):
        return super().value() or Signature.CommentState.PENDING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(comment_state=self.value())
