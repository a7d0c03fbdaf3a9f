"""A batch over real scraped news, read as it is (.jsonl.gz): bench/realscale.py's checks.

Marked `slow` (left out of `make test`; run it with `pytest -m slow`), and
skipped where ../shared/realnews/ is absent. It runs the first ARTICLES articles;
`bench/realscale.py` with no argument runs all of them (figures in the README).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "realnews" / "articles-dev.jsonl.gz"
ARTICLES = 3000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.exists(), reason=f"{CORPUS} is absent"),
]


def test_a_real_corpus_runs_through_with_every_input_accounted_for(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    finished = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "realscale.py"), "--limit", str(ARTICLES),
         "--workers", "2", "--out", str(tmp_path / "out"), "--json", str(report_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    report = json.loads(report_path.read_text("utf-8"))
    assert report["exit_code"] == 0 and report["failures"] == []
    assert report["inputs"] == ARTICLES == sum(report["statuses"].values())
    assert report["records"] == report["statuses"]["record"] > 0.9 * ARTICLES
    assert set(report["quarantine_by_stage"]) <= {"read", "limits"}
    entries = [json.loads(line) for line in
               (tmp_path / "out" / "journal.jsonl").read_text("utf-8").splitlines()[:3]]
    # Keyed by line (FILE:1, FILE:2...), named by the corpus's own ids (FILE:21395276...)
    assert [entry["key"].rsplit(":", 1)[1] for entry in entries] == ["1", "2", "3"]
    assert all(int(entry["source"].rsplit(":", 1)[1]) > 3 for entry in entries)
