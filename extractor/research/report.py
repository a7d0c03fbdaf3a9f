"""`vnextract report`: one self-contained HTML file from an extract output directory.

Self-contained means viewable offline: CSS, script and SVG charts are inline,
nothing is fetched. Safety rests on three layers, each enough alone for
article text: everything printed into markup goes through `html.escape`; the
figures travel as JSON in a <script type="application/json"> element with "<"
escaped (so "</script>" cannot end it); and a Content-Security-Policy allows
only the one script whose hash the page carries.

The page stays a few MB whatever the corpus: charts, map and lists summarise
every figure (computed in DuckDB, extractor.research.report_data), while the
searchable table holds a few thousand figures only (those with a category
first, of the latest articles first) and says how many more `vnextract serve`
has.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path

from extractor.places.province_map import render_province_map
from extractor.research.report_assets import CSS, JS
from extractor.research.report_data import ReportData, ReportError, embed_json, read_run
from extractor.research.report_svg import bar_chart
from schemas import PlaceMap

__all__ = ["ReportError", "build_html", "render", "write_report"]

_LABELS = {
    "indicators": "figures", "dates": "dates", "documents": "documents",
    "organizations": "organisations", "people": "people", "campaigns": "campaigns",
    "awards": "awards",
}


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _cards(data: ReportData) -> str:
    cards = [("articles", data.stories)]
    cards += [(label, data.field_counts.get(name, 0)) for name, label in _LABELS.items()]
    cards += [("warnings", data.warnings), ("quarantined", data.quarantined),
              ("syndicated copies", data.copies)]
    return "".join(f'<div class="card"><b>{count:,}</b><span>{escape(label)}</span></div>'
                   for label, count in cards)


def _top_list(title: str, counts: Sequence[tuple[str, int]]) -> str:
    items = "".join(f"<li>{escape(name)} <span>({count:,})</span></li>" for name, count in counts)
    return f"<div><h3>{escape(title)}</h3><ol>{items or '<li>none yet</li>'}</ol></div>"


def _more(shown: int, total: int, what: str, which: str) -> str:
    """The line over a capped table: what it holds, and where the rest are."""
    if shown >= total:
        return f'<p class="note">All {total:,} {what}.</p>'
    return (f'<p class="note">Showing the {which}: {shown:,} of {total:,} {what}. The '
            f"{total - shown:,} others are in the run's tables: <code>vnextract serve "
            "OUT_DIR</code> searches and lists them all in a browser (or ask "
            "<code>vnextract query</code>).</p>")


def _article_rows(data: ReportData) -> Iterator[str]:
    for row in data.article_rows:
        warnings = "; ".join(row["warnings"])
        yield (f"<tr><td>{escape(row['title'])}</td><td>{escape(row['published'])}</td>"
               f"<td>{escape(row['site'])}</td><td>{escape(row['place'])}</td>"
               f"<td class=\"num\">{row['figures']:,}</td>"
               f"<td class=\"warn\">{escape(warnings)}</td></tr>")


def _charts(data: ReportData) -> str:
    return "".join((
        bar_chart("Figures by category", data.by_category),
        bar_chart("Figures by place", data.by_place),
        bar_chart("Figures by year", data.by_year),
        bar_chart("Units counted", data.units),
    ))


def render(data: ReportData, generated: dt.datetime | None = None) -> Iterator[str]:
    """The report page for `data`, in pieces (each at most a table's rows)."""
    when = (generated or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    province_map = render_province_map(data.figures_by_province, PlaceMap.Y2025,
                                       title="Figures by province (2025 map)")
    copies = (f" {data.copies:,} syndicated copies of stories are left out of the counts, "
              "as in <code>vnextract stats</code>." if data.copies else "")
    yield f"""<!DOCTYPE html>
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
<p>{data.stories:,} articles, {data.figures_total:,} figures; generated {escape(when)}</p></header>
<main>
<section id="summary"><h2>Corpus</h2><div class="cards">{_cards(data)}</div>
<p class="note">Charts, map and lists cover every article of the run.{copies}</p></section>
<section id="charts"><h2>Figures by category, place and year</h2>
<div class="charts">{_charts(data)}</div></section>
<section id="map"><h2>Where the figures come from</h2>
<p>Each article's main place, on the map of the 34 provinces of 2025 (older units are
shown at their successor province); circle area follows the number of figures.</p>
{province_map}</section>
<section id="tops"><h2>Most reported</h2><div class="tops">
{_top_list("Units and bodies (articles naming them)", data.organizations)}
{_top_list("Programmes and plans (articles citing them)", data.programmes)}
{_top_list("Units of measure (figures)", data.units[:10])}
</div></section>
<section id="figures"><h2>Figures</h2>
{_more(len(data.figures), data.figures_total, "figures",
       "figures with a category first, of the latest articles first")}
<label for="search">Search figures (unit, category, place, article, sentence):</label><br>
<input id="search" type="search" placeholder="e.g. vụ, tin, Ninh Khánh" autocomplete="off">
<span id="search-count"></span>
<table id="figures-table"><thead><tr><th></th><th>as written</th><th>value</th><th>unit</th>
<th>qualifier</th><th>category</th><th>place</th><th>year</th><th>article</th></tr></thead>
<tbody id="figures-body"></tbody></table>
<noscript>The figures table needs JavaScript; the data is in the page source.</noscript>
</section>
<section id="articles"><h2>Articles</h2>
{_more(len(data.article_rows), data.stories, "articles", "latest articles")}
<table><thead><tr><th>title</th><th>published</th><th>site</th><th>place</th>
<th>figures</th><th>warnings</th></tr></thead><tbody>
"""
    yield from _article_rows(data)
    yield f"""</tbody></table></section>
</main>
<script type="application/json" id="report-data">{embed_json({"figures": data.figures})}</script>
<script>{JS}</script>
</body>
</html>
"""


def build_html(data: ReportData, generated: dt.datetime | None = None) -> str:
    """The whole report page for `data` (see report_data.read_run)."""
    return "".join(render(data, generated))


def write_report(out_dir: Path, output: Path) -> str:
    """Write the report of `out_dir` to `output`; return a one-line summary.

    The page is written to a temporary file beside `output` and renamed into
    place: a reader never finds half a report.
    """
    data = read_run(out_dir)
    partial = output.with_name(f".{output.name}.partial")
    size = 0
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8") as page:
            for piece in render(data):
                size += len(piece.encode("utf-8"))
                page.write(piece)
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ReportError(f"{output}: cannot be written: {error.strerror}") from error
    shown = ("" if len(data.figures) >= data.figures_total
             else f" ({len(data.figures):,} in the searchable table)")
    return (f"{data.stories:,} articles, {data.figures_total:,} figures{shown}, "
            f"{data.quarantined:,} quarantined ({size:,} bytes)")
