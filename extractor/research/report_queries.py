"""The SQL behind the report: every aggregate is computed by DuckDB over the whole run.

Python receives only short results: the top entries of a grouping, one count
per province, and the capped rows of the searchable tables. So the report's
memory does not grow with the corpus; DuckDB itself is held to a memory limit
and spills to disk beyond it.

`report_articles` (a temporary table: one short row per story, no title, no
text; DuckDB spills it to disk beyond its memory limit) gives each article its
place, map province and year as the report defines them (see extractor.
research.report_data). Syndicated copies are left out, as in `vnextract
stats`, so a story counts once.
"""

from __future__ import annotations

UNKNOWN = "unknown"
WINDOW = 300  # characters of text read on each side of a figure to find its sentence

# The article's place: its main place ("name, province"), else the place its units
# name most often (ties: the one named first), else unknown. Its year: publication,
# else the event's date (resolved, else as written when it starts with a year).
ARTICLES = f"""
CREATE TEMP TABLE report_articles AS
WITH org_places AS (
    SELECT article_id, place, count(*) AS mentions, min(idx) AS first
    FROM organizations WHERE place IS NOT NULL AND place <> ''
    GROUP BY article_id, place
), unit_place AS (
    SELECT article_id, arg_min(place, (-mentions, first)) AS place
    FROM org_places GROUP BY article_id
)
SELECT a.article_id, a.published,
       CASE WHEN a.place_name <> '' AND a.place_province <> '' THEN
                CASE WHEN a.place_name = a.place_province THEN a.place_name
                     ELSE a.place_name || ', ' || a.place_province END
            ELSE coalesce(u.place, '{UNKNOWN}') END AS place,
       coalesce(a.place_successor_province_code,
                CASE WHEN a.place_map = '2025' THEN a.place_province_code END) AS province_code,
       coalesce(CAST(year(a.published) AS VARCHAR),
                CAST(year(a.event_date_resolved) AS VARCHAR),
                CASE WHEN regexp_matches(a.event_date_value, '^[0-9]{{4}}')
                     THEN left(a.event_date_value, 4) END,
                '{UNKNOWN}') AS year
FROM articles a LEFT JOIN unit_place u USING (article_id)
WHERE a.duplicate_of IS NULL
"""

ARTICLE_COUNTS = """
SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NOT NULL),
       coalesce(sum(len(warnings)) FILTER (WHERE duplicate_of IS NULL), 0)
FROM articles
"""

# Rows of the stories, without a join to every article (which DuckDB keeps in memory
# while it probes it): the copies, which are few, are left out instead.
IN_STORIES = "article_id NOT IN (SELECT article_id FROM articles WHERE duplicate_of IS NOT NULL)"


def field_count(table: str) -> str:
    """Facts of one table in the stories. One query a table: a UNION of them all made
    DuckDB hold every table's join at once, beyond its memory limit on real runs."""
    return f"SELECT count(*) FROM {table} WHERE {IN_STORIES}"


_FIGURES = "indicators i JOIN report_articles r USING (article_id)"


def top(label_sql: str, source: str, per_article: bool = False) -> str:
    """(label, count) of a grouping, largest first, ties by label; `LIMIT ?` to bind.

    `per_article`: count the articles naming the label, not its rows. Done as a
    DISTINCT, then a count: DuckDB spills those to disk, not count(DISTINCT ...)'s
    sets (which ran out of memory at a million articles).
    """
    rows = f"SELECT {label_sql} AS label{', article_id' if per_article else ''} FROM {source}"
    if per_article:
        rows = f"SELECT DISTINCT label, article_id FROM ({rows})"
    return (f"SELECT label, count(*) AS n FROM ({rows}) "
            "GROUP BY label ORDER BY n DESC, label LIMIT ?")


FIGURES_BY_CATEGORY = top(f"coalesce(i.category, '{UNKNOWN}')", _FIGURES)
FIGURES_BY_PLACE = top("r.place", _FIGURES)
FIGURES_BY_YEAR = top("r.year", _FIGURES)
FIGURES_BY_UNIT = top("i.unit", _FIGURES)
# Units and bodies, and programmes: articles naming them (as `vnextract stats` counts).
ORGANIZATIONS = top("normalized", f"organizations WHERE {IN_STORIES}", per_article=True)
# A document that refers to an earlier one repeats it: counted once, by its full reference.
PROGRAMMES = top("trim(kind || ' ' || coalesce(code, number, ''))",
                 f"documents WHERE refers_to IS NULL AND {IN_STORIES}", per_article=True)
FIGURES_BY_PROVINCE = f"""
SELECT r.province_code, count(*) FROM {_FIGURES}
WHERE r.province_code IS NOT NULL GROUP BY r.province_code
"""

# The searchable table: the figures with a category first (a scraped corpus holds
# many more figures, scores and prices, than the taxonomy counts), of the latest
# articles first (undated ones last). The figures are chosen first (no text read),
# then each gets the text around it, not its article's whole text.
CHOSEN_FIRST = "i.category IS NULL, r.published DESC NULLS LAST, i.article_id, i.idx"
FIGURE_ROWS = f"""
WITH chosen AS (
    SELECT i.article_id, i.idx FROM {_FIGURES} ORDER BY {CHOSEN_FIRST} LIMIT ?
)
SELECT i.value, i.value_text, i.unit, i.text, coalesce(i.qualifier, ''),
       coalesce(i.category, '{UNKNOWN}'), coalesce(i.metric, ''), r.place, r.year,
       coalesce(a.title, a.source),
       i.article_id, coalesce(i.rule, ''), i.start, i."end",
       greatest(i.start - {WINDOW}, 0) AS window_start,
       substr(a.clean_text, greatest(i.start - {WINDOW}, 0) + 1,
              least(i.start, {WINDOW}) + (i."end" - i.start) + {WINDOW}) AS window
FROM chosen c
JOIN indicators i ON i.article_id = c.article_id AND i.idx = c.idx
JOIN report_articles r ON r.article_id = c.article_id
JOIN articles a ON a.article_id = c.article_id
ORDER BY {CHOSEN_FIRST}
"""

FIGURE_TOTAL = f"SELECT count(*) FROM {_FIGURES}"

ARTICLE_ROWS = """
WITH chosen AS (
    SELECT article_id, published, place FROM report_articles
    ORDER BY published DESC NULLS LAST, article_id LIMIT ?
)
SELECT coalesce(a.title, a.source), coalesce(CAST(c.published AS VARCHAR), ''),
       coalesce(a.site, ''), c.place,
       (SELECT count(*) FROM indicators i WHERE i.article_id = c.article_id), a.warnings
FROM chosen c JOIN articles a ON a.article_id = c.article_id
ORDER BY c.published DESC NULLS LAST, c.article_id
"""
