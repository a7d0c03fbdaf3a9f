"""Inline SVG charts, drawn by hand so the report needs no library and no network.

Every label is escaped here, because labels come from articles (places,
categories, units) and an SVG inlined in HTML runs scripts like any markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT = 22  # pixels per bar: room for a 12px label and a gap
LABEL_WIDTH = 170  # pixels kept left of the bars for the labels
MAX_LABEL = 24  # characters (about 160px at 12px); longer ones end in "…", full text in <title>


def _cut(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(title: str, counts: Sequence[tuple[str, int]], width: int = 520,
              limit: int = 12, css_class: str = "chart") -> str:
    """A horizontal bar chart of (label, count), largest first, `limit` bars at most."""
    rows = sorted(counts, key=lambda row: (-row[1], row[0]))[:limit]
    height = 30 + BAR_HEIGHT * max(len(rows), 1)
    top = max((count for _, count in rows), default=0)
    plot = width - LABEL_WIDTH - 50  # right margin holds the count printed after a bar
    parts = [
        f'<svg class="{escape(css_class)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
    ]
    if not rows:
        parts.append('<text x="0" y="42" class="chart-empty">no figures yet</text>')
    for index, (label, count) in enumerate(rows):
        y = 26 + index * BAR_HEIGHT
        length = max(2.0, plot * count / top) if top else 0.0
        parts.append(
            f'<g class="bar"><title>{escape(label)}: {count}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">'
            f"{escape(_cut(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT - 6}" rx="2"></rect>'
            f'<text x="{LABEL_WIDTH + length + 5:.1f}" y="{y + 14}" class="count">'
            f"{count}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
