from django import template

from memorial import maps

register = template.Library()


@register.inclusion_tag("memorial/includes/where_it_happened.html")
def where_it_happened():
    """The map of Kazakhstan and the Mangystau coast, with the places in words beneath."""
    country, coast = maps.COUNTRY, maps.MANGYSTAU
    return {
        "country": maps.drawing(country),
        "coast": maps.drawing(coast),
        "coast_frame": country.frame(coast),
        "country_markers": maps.markers(country),
        "coast_markers": maps.markers(coast),
        # Where the names of the country and of the sea are set, in each view's units.
        "country_label": maps.point(country, *maps.COUNTRY_LABEL),
        "sea_label": maps.point(coast, *maps.SEA_LABEL),
        "places": maps.PLACES,
    }
