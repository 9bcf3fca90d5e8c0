"""The signers' world map, drawn on the server as SVG by pygal.

Served as its own image/svg+xml response and shown with <img>: pygal's SVG carries a <style>
block (refused inline by our CSP) and a configuration <script>, which an image never runs and
which we strip anyway. pygal's script links are switched off (js=[]) and its CSS is inlined,
so the file refers to no other host.
"""

from django.utils.translation import gettext as _
from pygal_maps_world.maps import World

from campaign.petitions.charts import clean, site_style
from campaign.petitions.countries import country_name

MAP_STYLE = site_style("transparent", ("#8a1c1c",))


def render_world_map(countries):
    """SVG bytes for [(ISO code, count)]; countries missing from the list stay grey."""
    chart = World(
        js=[],
        show_legend=False,
        style=MAP_STYLE,
        width=960,
        height=480,
        pretty_print=False,
        disable_xml_declaration=False,
    )
    chart.add(
        _("Signatures"),
        [
            {"value": (code.lower(), count), "label": str(country_name(code))}
            for code, count in countries
        ],
    )
    return clean(chart.render())
