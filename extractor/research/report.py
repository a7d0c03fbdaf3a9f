"""`vnextract report`: one self-contained HTML file from an extract output directory.

Self-contained means viewable offline: CSS, script and SVG charts are inline,
nothing is fetched. Safety rests on three layers, each enough alone for
article text: everything printed into markup goes through `html.escape`; the
figures travel as JSON in a <script type="application/json"> element with "<"
escaped (so "</script>" cannot end it); and a Content-Security-Policy allows
only the one script whose hash the page carries.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from html import escape
from pathlib import Path

from extractor.places.province_map import render_province_map
from extractor.research.report_assets import CSS, JS
from extractor.research.report_data import (
    ReportData,
    ReportError,
    collect,
    embed_json,
    load_records,
)
from extractor.research.report_svg import bar_chart
from schemas import ArticleRecord, PlaceMap

__all__ = ["ReportError", "build_html", "write_report"]

TOP = 10  # entries in the "most reported" lists

_LABELS = {
    "indicators": "figures", "dates": "dates", "documents": "documents",
    "organizations": "organisations", "people": "people", "campaigns": "campaigns",
    "awards": "awards",
}


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _cards(data: ReportData, failures: int) -> str:
    cards = [("articles", data.articles)]
    cards += [(label, data.field_counts[name]) for name, label in _LABELS.items()]
    cards += [("warnings", data.warnings), ("quarantined", failures)]
    return "".join(f'<div class="card"><b>{count:,}</b><span>{escape(label)}</span></div>'
                   for label, count in cards)


def _top_list(title: str, counts: Counter[str]) -> str:
    items = "".join(f"<li>{escape(name)} <span>({count})</span></li>"
                    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                    [:TOP])
    return f"<div><h3>{escape(title)}</h3><ol>{items or '<li>none yet</li>'}</ol></div>"


def _articles_table(data: ReportData) -> str:
    rows = []
    for row in data.article_rows:
        warnings = "; ".join(row["warnings"])
        rows.append(
            f"<tr><td>{escape(row['title'])}</td><td>{escape(row['published'])}</td>"
            f"<td>{escape(row['site'])}</td><td>{escape(row['place'])}</td>"
            f"<td class=\"num\">{row['figures']}</td>"
            f"<td class=\"warn\">{escape(warnings)}</td></tr>"
        )
    return ("<table><thead><tr><th>title</th><th>published</th><th>site</th><th>place</th>"
            "<th>figures</th><th>warnings</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def build_html(records: Sequence[ArticleRecord], failures: int = 0,
               generated: dt.datetime | None = None) -> str:
    """The whole report page for `records` (`failures`: articles quarantined)."""
    data = collect(records)
    when = (generated or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    charts = "".join((
        bar_chart("Figures by category", list(data.by_category.items())),
        bar_chart("Figures by place", list(data.by_place.items())),
        bar_chart("Figures by year", list(data.by_year.items())),
        bar_chart("Units counted", list(data.units.items())),
    ))
    province_map = render_province_map(data.figures_by_province, PlaceMap.Y2025,
                                       title="Figures by province (2025 map)")
    payload = embed_json({"figures": data.figures})
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(_csp(JS))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vnextract report</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>vnextract report</h1>
<p>{data.articles} articles, {len(data.figures)} figures; generated {escape(when)}</p></header>
<main>
<section id="summary"><h2>Corpus</h2><div class="cards">{_cards(data, failures)}</div></section>
<section id="charts"><h2>Figures by category, place and year</h2>
<div class="charts">{charts}</div></section>
<section id="map"><h2>Where the figures come from</h2>
<p>Each article's main place, on the map of the 34 provinces of 2025 (older units are
shown at their successor province); circle area follows the number of figures.</p>
{province_map}</section>
<section id="tops"><h2>Most reported</h2><div class="tops">
{_top_list("Units and bodies", data.organizations)}
{_top_list("Programmes and plans", data.programmes)}
{_top_list("Units of measure", data.units)}
</div></section>
<section id="figures"><h2>Figures</h2>
<label for="search">Search figures (unit, category, place, article, sentence):</label><br>
<input id="search" type="search" placeholder="e.g. vụ, tin, Ninh Khánh" autocomplete="off">
<span id="search-count"></span>
<table id="figures-table"><thead><tr><th></th><th>as written</th><th>value</th><th>unit</th>
<th>qualifier</th><th>category</th><th>place</th><th>year</th><th>article</th></tr></thead>
<tbody id="figures-body"></tbody></table>
<noscript>The figures table needs JavaScript; the data is in the page source.</noscript>
</section>
<section id="articles"><h2>Articles</h2>{_articles_table(data)}</section>
</main>
<script type="application/json" id="report-data">{payload}</script>
<script>{JS}</script>
</body>
</html>
"""


def _count_failures(out_dir: Path) -> int:
    path = out_dir / "quarantine.jsonl"
    if not path.is_file():
        return 0
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def write_report(out_dir: Path, output: Path) -> str:
    """Write the report of `out_dir` to `output`; return a one-line summary."""
    records = load_records(out_dir)
    failures = _count_failures(out_dir)
    html = build_html(records, failures)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(html, encoding="utf-8")
    except OSError as error:
        raise ReportError(f"{output}: cannot be written: {error.strerror}") from error
    figures = sum(len(record.indicators) for record in records)
    return (f"{len(records)} articles, {figures} figures, {failures} quarantined "
            f"({len(html.encode('utf-8')):,} bytes)")

