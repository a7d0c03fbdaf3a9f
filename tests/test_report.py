"""The HTML report without a browser: content, self-containment and escaping."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.research.query import corpus_stats
from extractor.research.report import ReportError, build_html, write_report
from extractor.research.report_data import embed_json, read_run, sentence_around
from extractor.research.report_svg import bar_chart
from tests.report_samples import FIGURES, HOSTILE, hostile_record, sample_records, sample_run


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_run(tmp_path_factory.mktemp("run"))


@pytest.fixture(scope="module")
def html(run: Path) -> str:
    return build_html(read_run(run))


def test_embedded_figures_match_the_records(html: str) -> None:
    scripts = parse(html).scripts
    figures = json.loads(scripts[0])["figures"]
    assert len(figures) == len(FIGURES)
    assert {f["text"] for f in figures} == {phrase for _, phrase, *_ in FIGURES}
    for figure in figures:  # the highlight cuts exactly the figure out of its sentence
        assert figure["sentence"][figure["start"]:figure["end"]] == figure["text"]
    by_text = {f["text"]: f for f in figures}
    assert by_text["141.174 lượt người"]["place"] == "quận 6"
    assert by_text["141.174 lượt người"]["year"] == "2018"
    assert by_text["65 vụ"]["year"] == "unknown"  # no dateline, no event date


def test_report_is_self_contained(html: str) -> None:
    elements = parse(html)
    for tag, attrs in elements.tags:
        assert tag not in {"link", "iframe", "img", "object", "embed"}
        for name in ("src", "href"):
            assert attrs.get(name) is None, f"<{tag} {name}=...> would load something"
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)


def test_csp_allows_exactly_the_inline_script(html: str) -> None:
    elements = parse(html)
    csp = next(a["content"] for t, a in elements.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None
    script = elements.scripts[1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_charts_have_one_bar_per_group(run: Path, html: str) -> None:
    data = read_run(run)
    assert dict(data.by_place) == {"phường Ninh Khánh": 4, "quận 6": 4, "unknown": 3}
    chart = bar_chart("t", data.by_category)
    assert chart.count("<rect") == len(data.by_category)
    assert html.count("<svg") == 5  # four bar charts and the province map
    assert "no figures yet" in bar_chart("empty", [])


def test_hostile_text_is_shown_never_parsed(tmp_path: Path) -> None:
    html = build_html(read_run(sample_run(tmp_path, [hostile_record()])))
    elements = parse(html)
    assert [attrs.get("type") for tag, attrs in elements.tags if tag == "script"] == [
        "application/json", None]
    handlers = [(tag, name) for tag, attrs in elements.tags for name in attrs
                if name.startswith("on")]
    assert handlers == []
    assert not any(tag in {"img", "svg"} and "onload" in attrs for tag, attrs in elements.tags)
    assert "<script>window" not in html and "</script><script>" not in html
    # The payloads survive intact inside the JSON, so the page can show them as text.
    figure = json.loads(elements.scripts[0])["figures"][0]
    assert all(payload in figure["category"] for payload in HOSTILE)


def test_embed_json_escapes_what_could_end_the_element() -> None:
    text = embed_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_sentence_around_finds_the_sentence_around_a_span() -> None:
    text = sample_records()[2].clean_text
    start = text.index("834 đối tượng")
    sentence, left, right = sentence_around(text, start, start + len("834 đối tượng"))
    assert sentence[left:right] == "834 đối tượng"
    assert "\n" not in sentence and len(sentence) < len(text) / 2
    assert sentence_around("Một. Hai 12 tin! Ba", 9, 15) == ("Hai 12 tin!", 4, 10)


def test_cli_writes_the_report(tmp_path: Path) -> None:
    out = sample_run(tmp_path / "out")
    (out / "quarantine.jsonl").write_text('{"source": "x", "stage": "read"}\n',
                                          encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "3 articles, 11 figures, 1 quarantined" in result.output
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<b>1</b><span>quarantined</span>" in page
    assert "All 11 figures." in page and "vnextract serve" not in page
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "r.html"]  # no partial


def test_a_capped_table_says_how_many_more_and_where(run: Path) -> None:
    data = read_run(run, figure_limit=4, article_limit=1)
    assert data.figures_total == 11 and len(data.figures) == 4
    # The latest article's figures come first (2020-01-15, then 2018-10-30, then undated).
    assert [figure["year"] for figure in data.figures] == ["2020", "2020", "2020", "2018"]
    html = build_html(data)
    assert ("Showing the figures with a category first, of the latest articles first: "
            "4 of 11 figures. The 7 others") in html
    assert "Showing the latest articles: 1 of 3 articles. The 2 others" in html
    assert "<code>vnextract serve OUT_DIR</code>" in html
    assert html.count("<tr><td>") == 1  # one article row
    assert dict(data.by_place) == {"phường Ninh Khánh": 4, "quận 6": 4, "unknown": 3}


def test_the_table_shows_figures_with_a_category_first(tmp_path: Path) -> None:
    records = sample_records()
    data = records[1].model_dump(mode="json")  # the latest article (2020-01-15)
    data["indicators"][0]["category"] = None
    run = sample_run(tmp_path, [records[0], records[1].model_validate(data), records[2]])
    figures = [(figure["text"], figure["category"]) for figure in read_run(run).figures]
    assert figures[-1] == ("208.229 tin", "unknown")  # after even the undated articles
    assert [text for text, _ in figures[:2]] == ["trên 15.000 vụ", "290 mô hình"]


def test_report_counts_agree_with_stats_and_leave_copies_out(tmp_path: Path) -> None:
    records = sample_records()
    copy = records[2].model_copy(update={  # the same story on another site, a line longer
        "article_id": "f" * 16, "clean_text": records[2].clean_text + "\nNguồn: báo khác",
        "published": records[2].published})
    run = sample_run(tmp_path, [*records, copy])
    data = read_run(run)
    assert (data.articles, data.copies, data.stories) == (4, 1, 3)
    facts = dict(corpus_stats(run))["Facts per type (unique articles)"]
    assert {name: data.field_counts[name] for name, *_ in facts.rows} == \
        {name: count for name, count, _ in facts.rows}
    assert data.figures_total == 11 == len(data.figures)
    units = dict(corpus_stats(run))["Top units (articles naming them)"]
    assert data.organizations == [(str(u), int(n)) for u, n in units.rows]
    assert "1 syndicated copies of stories are left out" in build_html(data)


def test_missing_or_broken_tables_are_refused_with_the_place(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text(sample_records()[0].model_dump_json() + "\n",
                                            encoding="utf-8")
    with pytest.raises(ReportError, match=r"corpus\.duckdb: not found .*--resume"):
        write_report(tmp_path, tmp_path / "r.html")
    (tmp_path / "corpus.duckdb").write_bytes(b"not a database" * 100)
    with pytest.raises(ReportError, match=r"cannot be opened as a DuckDB database"):
        write_report(tmp_path, tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()
    result = CliRunner().invoke(app, ["report", str(tmp_path / "none")])
    assert result.exit_code == 2


def test_a_value_beyond_a_double_is_shown_as_written(tmp_path: Path) -> None:
    record = sample_records()[0]
    huge = 25 * 10**400  # a double holds up to ~1.8 x 10^308: the tables keep it as text
    data = record.model_dump(mode="json")
    data["indicators"][0]["value"] = huge
    run = sample_run(tmp_path, [type(record).model_validate(data)])
    figures = {figure["text"]: figure for figure in read_run(run).figures}
    assert figures["65 vụ"]["value"] == str(huge)
    assert figures["99,5%"]["value"] == 99.5
