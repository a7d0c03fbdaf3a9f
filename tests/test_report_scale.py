"""The report of a large run: a few MB, in memory that does not grow with the corpus.

The large runs are the sample run's tables repeated in SQL (36,000 and 72,000
articles, no extraction). Each report is built in a fresh Python process, so
that its peak resident memory (VmHWM, which counts DuckDB's memory too) and
its peak of Python allocations (`tracemalloc`) are its own.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.research.report_data import ARTICLE_LIMIT, FIGURE_LIMIT
from tests.conftest import ROOT
from tests.report_samples import FIGURES, multiplied_run, sample_run

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").is_file(),
                                reason="peak memory is read from Linux's /proc/self/status")

TIMES = 12_000  # copies of the 3 sample articles in the smaller large run
MB = 2**20
MAX_BYTES = 4 * MB  # "a few MB"
# Above the process's size before the build: DuckDB is held to 64 MB (report_data.
# MEMORY_LIMIT), Python's share is capped by the tables' limits. Measured: 45 MB for
# the 3 sample articles, 87 MB for 36,000, 90 MB for 72,000. The old report, which
# kept every record in Python, took 1.6 GB for 35,400 real articles.
MAX_RSS_GROWTH = 160 * MB
MAX_PYTHON_PEAK = 40 * MB  # measured 18.7 MB, most of it the page's figures

# The peak resident size is read from VmHWM, which a new program starts afresh:
# resource's ru_maxrss would carry over the peak of the forked pytest process.
_MEASURE = """
import json, re, sys, tracemalloc
from pathlib import Path
from extractor.research.report import write_report
def peak():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024
before = peak()
tracemalloc.start()
summary = write_report(Path(sys.argv[1]), Path(sys.argv[2]))
python_peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"summary": summary, "python_peak": python_peak,
                  "rss_before": before, "rss_growth": peak() - before}))
"""


def measured_report(run: Path, output: Path) -> dict[str, Any]:
    """Build the report of `run` in a fresh process: its summary and its peak memory."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(run), str(output)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, dict[str, Any]]]:
    """The report of the run repeated TIMES and 2 x TIMES times: (page, measures)."""
    base = tmp_path_factory.mktemp("report-scale")
    small = sample_run(base / "small")
    found = {}
    for times in (TIMES, 2 * TIMES):
        run = multiplied_run(small, base / f"x{times}", times)
        page = base / f"x{times}.html"
        found[times] = (page, measured_report(run, page))
    return found


def test_a_large_run_gives_a_report_of_a_few_mb(
    reports: dict[int, tuple[Path, dict[str, Any]]]
) -> None:
    for times, (page, measures) in reports.items():
        figures = len(FIGURES) * times
        assert measures["summary"].startswith(
            f"{3 * times:,} articles, {figures:,} figures ({FIGURE_LIMIT:,} in the "
            "searchable table)")
        assert page.stat().st_size < MAX_BYTES, (times, page.stat().st_size)
        html = page.read_text(encoding="utf-8")
        # Cards and charts count every figure; the table holds the capped few and says so.
        assert f"<b>{figures:,}</b><span>figures</span>" in html
        assert f"<title>people_reached: {3 * times}</title>" in html
        assert (f"of the latest articles first: {FIGURE_LIMIT:,} of "
                f"{figures:,} figures. The {figures - FIGURE_LIMIT:,} others") in html
        assert "<code>vnextract serve OUT_DIR</code>" in html
        assert html.count("<tr><td>") == ARTICLE_LIMIT
        payload = html[html.index('id="report-data">') + 17:html.index("</script>")]
        shown = json.loads(payload)["figures"]
        assert len(shown) == FIGURE_LIMIT
        # The latest first: the last copy of the article of 2020-01-15.
        latest = dt.date(2020, 1, 15) + dt.timedelta(days=times - 1)
        assert shown[0]["article_id"].endswith(f"-{times - 1}")
        assert shown[0]["year"] == str(latest.year)


def test_memory_does_not_grow_with_the_corpus(
    reports: dict[int, tuple[Path, dict[str, Any]]]
) -> None:
    smaller, larger = (reports[times][1] for times in (TIMES, 2 * TIMES))
    for measures in (smaller, larger):
        assert measures["rss_growth"] < MAX_RSS_GROWTH, measures
        assert measures["python_peak"] < MAX_PYTHON_PEAK, measures
    # Twice the articles and figures: Python's peak stays where the caps put it, and
    # the process grows by little more than DuckDB's buffers.
    assert larger["python_peak"] < smaller["python_peak"] * 1.1 + MB, (smaller, larger)
    assert larger["rss_growth"] < smaller["rss_growth"] + 32 * MB, (smaller, larger)
