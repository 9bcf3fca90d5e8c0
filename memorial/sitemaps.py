"""Sitemap sections of the memorial; every language version is listed with its alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from memorial.models import Person


class MemorialPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "timeline",
            "people",
            "figures",
            "sources",
            "candles",
            "correction",
            "open_data",
        ]

    def location(self, item):
        return reverse(f"memorial:{item}")


class PeopleSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().order_by("slug")

    def lastmod(self, person):
        return person.updated_at


SITEMAPS = {"memorial": MemorialPagesSitemap, "people": PeopleSitemap}
