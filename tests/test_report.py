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
from extractor.research.report import ReportError, build_html, write_report
from extractor.research.report_data import collect, embed_json, sentence_text
from extractor.research.report_svg import bar_chart
from tests.report_samples import FIGURES, HOSTILE, hostile_record, sample_records


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
def html() -> str:
    return build_html(sample_records())


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


def test_charts_have_one_bar_per_group(html: str) -> None:
    data = collect(sample_records())
    assert data.by_place == {"phường Ninh Khánh": 4, "quận 6": 4, "unknown": 3}
    chart = bar_chart("t", list(data.by_category.items()))
    assert chart.count("<rect") == len(data.by_category)
    assert html.count("<svg") == 5  # four bar charts and the province map
    assert "no figures yet" in bar_chart("empty", [])


def test_hostile_text_is_shown_never_parsed() -> None:
    html = build_html([hostile_record()])
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


def test_sentence_text_finds_the_sentence_around_a_span() -> None:
    record = sample_records()[2]
    start = record.clean_text.index("834 đối tượng")
    sentence, left, right = sentence_text(record, start, start + len("834 đối tượng"))
    assert sentence[left:right] == "834 đối tượng"
    assert "\n" not in sentence and len(sentence) < len(record.clean_text) / 2


def test_cli_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    lines = [record.model_dump_json() for record in sample_records()]
    (out / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "quarantine.jsonl").write_text('{"source": "x", "stage": "read"}\n',
                                          encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "3 articles, 11 figures, 1 quarantined" in result.output
    assert "<b>1</b><span>quarantined</span>" in (tmp_path / "r.html").read_text("utf-8")


def test_missing_or_broken_records_are_refused_with_the_place(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"records\.jsonl: not found"):
        write_report(tmp_path, tmp_path / "r.html")
    (tmp_path / "records.jsonl").write_text(
        sample_records()[0].model_dump_json() + '\n{"article_id": "zz"}\n', encoding="utf-8")
    with pytest.raises(ReportError, match=r"records\.jsonl:2: not an ArticleRecord"):
        write_report(tmp_path, tmp_path / "r.html")
    result = CliRunner().invoke(app, ["report", str(tmp_path / "none")])
    assert result.exit_code == 2
