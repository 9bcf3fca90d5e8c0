"""Where it happened: Kazakhstan and the Mangystau coast, drawn on the server as SVG.

No tiles and no script: the outlines are Natural Earth's countries as the world-atlas package
ships them (memorial/geodata/README.md), projected here once per process into SVG path data.
The projection is equirectangular with longitude scaled by the cosine of the view's middle
latitude: over a view this size it keeps shapes true enough for a locator map, and it is
simple enough to check by hand.

Two views: the whole country with a frame around the Mangystau coast, and that frame enlarged,
where the three places are far enough apart to be marked and named.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

GEODATA = Path(__file__).resolve().parent / "geodata" / "countries-50m.json"
KAZAKHSTAN = "398"  # ISO 3166-1 numeric, the ids of world-atlas


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    latitude: float
    longitude: float
    what_happened: str


PLACES = (
    Place(
        "zhanaozen",
        _("Zhanaozen"),
        43.34,
        52.86,
        _("the oil workers' town where police opened fire on 16 December 2011"),
    ),
    Place(
        "shetpe",
        _("Shetpe"),
        44.17,
        52.12,
        _("the village where police opened fire on 17 December 2011"),
    ),
    Place(
        "aktau",
        _("Aktau"),
        43.65,
        51.16,
        _(
            "the regional centre on the Caspian Sea, "
            "where 37 Zhanaozen residents were tried in 2012"
        ),
    ),
)


@dataclass(frozen=True)
class View:
    """A rectangle of longitude and latitude, drawn `width` units wide."""

    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def scale(self):
        """SVG units per degree of latitude."""
        return self.width / ((self.east - self.west) * self.shrink)

    @property
    def shrink(self):
        return math.cos(math.radians((self.north + self.south) / 2))

    @property
    def height(self):
        return round((self.north - self.south) * self.scale)

    def project(self, longitude, latitude):
        return (
            (longitude - self.west) * self.shrink * self.scale,
            (self.north - latitude) * self.scale,
        )

    def frame(self, other):
        """`other`'s rectangle in this view's units: (x, y, width, height)."""
        x, y = self.project(other.west, other.north)
        right, bottom = self.project(other.east, other.south)
        return tuple(round(value, 1) for value in (x, y, right - x, bottom - y))


COUNTRY = View(west=45.5, south=39.6, east=88.0, north=56.0, width=360)
MANGYSTAU = View(west=50.0, south=42.75, east=54.2, north=44.95, width=360)
# (longitude, latitude) of the start of a name: the country's in its middle, the Caspian's
# on open water west of Aktau in the enlarged view.
COUNTRY_LABEL = (62.0, 48.5)
SEA_LABEL = (50.05, 43.2)


def decode(topology):
    """{country id: [ring of (longitude, latitude)]} from a TopoJSON topology.

    Arcs are quantised and delta-encoded; a ring lists its arcs by index, ~index for an arc
    walked backwards, and consecutive arcs share their joining point.
    """
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        countries[geometry.get("id")] = [ring(r) for polygon in polygons for r in polygon]
    return countries


def clip(ring, left, top, right, bottom):
    """The part of a closed ring inside a rectangle (Sutherland-Hodgman, one edge at a time).

    Where a country runs past the view, its ring follows the rectangle's edge instead; drawn
    just outside the visible area, that edge never shows.
    """
    edges = (
        (lambda p: p[0] >= left, lambda p, q: _at_x(p, q, left)),
        (lambda p: p[0] <= right, lambda p, q: _at_x(p, q, right)),
        (lambda p: p[1] >= top, lambda p, q: _at_y(p, q, top)),
        (lambda p: p[1] <= bottom, lambda p, q: _at_y(p, q, bottom)),
    )
    for inside, crossing in edges:
        if not ring:
            break
        points, ring = ring, []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    ring.append(crossing(previous, point))
                ring.append(point)
            elif inside(previous):
                ring.append(crossing(previous, point))
            previous = point
    return ring


def _at_x(p, q, x):
    return x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0])


def _at_y(p, q, y):
    return p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y


def path_data(rings):
    """SVG path data to a tenth of a unit, without points that would draw nothing."""
    parts = []
    for ring in rings:
        points = []
        for x, y in ring:
            point = (round(x, 1), round(y, 1))
            if not points or math.dist(point, points[-1]) >= 0.5:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


@functools.cache
def countries():
    with GEODATA.open(encoding="utf-8") as data:
        return decode(json.load(data))


@dataclass(frozen=True)
class Drawing:
    view: View
    kazakhstan: str
    neighbours: str


@functools.cache
def drawing(view):
    """Kazakhstan and, paler, every other country reaching into the view."""
    margin = 2  # outside the view, so the clipped edges fall beyond what is drawn
    box = (-margin, -margin, view.width + margin, view.height + margin)
    shapes = {KAZAKHSTAN: [], "other": []}
    for country, rings in countries().items():
        for ring in rings:
            clipped = clip([view.project(*point) for point in ring], *box)
            if clipped:
                shapes[KAZAKHSTAN if country == KAZAKHSTAN else "other"].append(clipped)
    return Drawing(view, path_data(shapes[KAZAKHSTAN]), path_data(shapes["other"]))


def point(view, longitude, latitude):
    """A position in the view, to a tenth of a unit (as the template writes it)."""
    x, y = view.project(longitude, latitude)
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class Marker:
    place: Place
    x: float
    y: float

    @property
    def label(self):
        """Where the place's name starts: right of the marker, on its baseline."""
        return round(self.x + 9, 1), round(self.y + 5, 1)


def markers(view):
    return [Marker(place, *point(view, place.longitude, place.latitude)) for place in PLACES]
