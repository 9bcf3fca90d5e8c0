"""Change lists over tables of a million rows: counted only up to a cap.

Django's admin counts the whole filtered table on every page (`COUNT(*)`), twice unless
`show_full_result_count` is off. Here the count stops at CAP rows, so a page costs the same
on a table of ten rows or ten million; past the cap the list says "more than" and offers
the filters and dates to narrow it.
"""

from django.contrib.admin import ShowFacets
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    cap = 10_000

    @cached_property
    def counted(self):
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self.counted, self.cap)

    @property
    def capped(self):
        return self.counted > self.cap


class CappedCountMixin:
    """For a ModelAdmin: the capped paginator, no full count, no per-filter counts."""

    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    list_per_page = 100
