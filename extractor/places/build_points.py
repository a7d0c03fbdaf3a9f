"""Build `resources/province_points.json`, the report's offline map data, from the gazetteer.

    .venv/bin/python -m extractor.places.build_points      # rewrites the file

The file holds, for both maps, each province's code, name and centre (the
gazetteer's provinceLat/provinceLon), each legacy province's 2025 successor, and
an outline of the country: the 0.15-degree cells that hold a 2025 ward centre.
A test rebuilds it and compares with the committed file, so a new gazetteer
version shows up as a failing test, not as a silently stale map.
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from extractor.places.gazetteer import LEGACY, Y2025, gazetteer

FILE_NAME = "province_points.json"
CELL = 0.15  # degrees; small enough to draw the coast, large enough to keep the file small


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def build_points() -> dict[str, Any]:
    gaz = gazetteer()
    legacy = [
        {"code": u.province_code, "name": u.province, "short": u.short,
         "lat": _rounded(u.latitude), "lon": _rounded(u.longitude),
         "successor": gaz.province_successor[u.province_code]}
        for u in sorted(gaz.provinces[LEGACY].values(), key=lambda u: u.province_code)
    ]
    current = [
        {"code": u.province_code, "name": u.province, "short": u.short,
         "lat": _rounded(u.latitude), "lon": _rounded(u.longitude)}
        for u in sorted(gaz.provinces[Y2025].values(), key=lambda u: u.province_code)
    ]
    cells = sorted({
        (round(round(w.latitude / CELL) * CELL, 3), round(round(w.longitude / CELL) * CELL, 3))
        for w in gaz.units[Y2025]
        if w.latitude is not None and w.longitude is not None and w.ward is not None
    })
    return {
        "source": f"vietnamadminunits {metadata.version('vietnamadminunits')}",
        "cell_degrees": CELL,
        "legacy": legacy,
        "2025": current,
        "outline": [list(cell) for cell in cells],
    }


def render_points(points: dict[str, Any]) -> str:
    """One province a line, the outline on one line: small, and diffs stay readable."""
    head = {k: v for k, v in points.items() if k not in ("legacy", "2025", "outline")}
    lines = ["{", *(f"{json.dumps(k)}: {json.dumps(v)}," for k, v in head.items())]
    for key in ("legacy", "2025"):
        rows = [json.dumps(row, ensure_ascii=False) for row in points[key]]
        lines.append(f'"{key}": [\n' + ",\n".join(rows) + "\n],")
    lines.append(f'"outline": {json.dumps(points["outline"], separators=(",", ":"))}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    target = Path(str(resources.files("extractor.resources").joinpath(FILE_NAME)))
    target.write_text(render_points(build_points()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
