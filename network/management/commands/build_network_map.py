"""Turn the municipality boundaries into the compact SVG paths the directory draws.

Run once when the boundaries change:

    manage.py build_network_map /path/to/flanders-municipalities.geojson

The source is Statbel open data as processed by Provincies in Cijfers
(github.com/provinciesincijfers/gebiedsniveaus). The result, one SVG path per
NIS code in `network/data/municipality_paths.json`, is committed with the code.
"""

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "municipality_paths.json"
WIDTH = 1000  # viewBox width; the height follows from the projection
TOLERANCE = 0.6  # Douglas-Peucker tolerance in viewBox units (~140 m)
LATITUDE_OF_TRUE_SCALE = 51.0


def simplify(points, tolerance):
    """Douglas-Peucker on a list of (x, y); keeps the first and last point."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            else:
                distance = math.hypot(px - x1, py - y1)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_path(ring):
    """A closed ring as relative SVG path commands with whole-number steps."""
    start_x, start_y = ring[0]
    parts = [f"M{start_x} {start_y}"]
    previous = (start_x, start_y)
    for x, y in ring[1:-1]:
        step = (x - previous[0], y - previous[1])
        if step != (0, 0):
            parts.append(f"l{step[0]} {step[1]}")
            previous = (x, y)
    return "".join(parts) + "z"


class Command(BaseCommand):
    help = "Build network/data/municipality_paths.json from the boundaries GeoJSON."

    def add_arguments(self, parser):
        parser.add_argument("geojson", type=Path)

    def handle(self, geojson, **options):
        features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
        polygons = {}
        for feature in features:
            geometry = feature["geometry"]
            rings = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                rings = [rings]
            polygons[feature["properties"]["nis_code"]] = rings

        all_points = [
            point
            for rings in polygons.values()
            for polygon in rings
            for ring in polygon
            for point in ring
        ]
        scale_x = math.cos(math.radians(LATITUDE_OF_TRUE_SCALE))
        min_lon = min(lon for lon, _lat in all_points)
        max_lon = max(lon for lon, _lat in all_points)
        min_lat = min(lat for _lon, lat in all_points)
        max_lat = max(lat for _lon, lat in all_points)
        factor = WIDTH / ((max_lon - min_lon) * scale_x)
        height = math.ceil((max_lat - min_lat) * factor)

        def project(lon, lat):
            return (
                round((lon - min_lon) * scale_x * factor, 1),
                round((max_lat - lat) * factor, 1),
            )

        paths = {}
        for nis_code, rings in sorted(polygons.items()):
            commands = []
            for polygon in rings:
                for ring in polygon:
                    projected = simplify(
                        [project(lon, lat) for lon, lat in ring], TOLERANCE
                    )
                    rounded = [(round(x), round(y)) for x, y in projected]
                    if len(set(rounded)) >= 3:
                        commands.append(ring_path(rounded))
            paths[nis_code] = "".join(commands)

        OUTPUT.write_text(
            json.dumps(
                {"width": WIDTH, "height": height, "paths": paths},
                separators=(",", ":"),
            )
            + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"{len(paths)} municipalities, {OUTPUT.stat().st_size} bytes")
