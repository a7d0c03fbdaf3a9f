"""`vnextract serve` in a real browser: Debian's headless Chromium through chromedriver.

Each page is opened as a researcher would, and checked for what it shows, for
console errors, and for requests: every resource the page loaded (performance
entries: style sheets, scripts, images, fetches) comes from the server itself.
Skips, saying why, without chromium and chromium-driver (`make browser`).
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.research.query import run_query
from tests.serve_run import Server, finished_run, serving
from tests.test_report_browser import CHROMEDRIVER, CHROMIUM, Browser, chromium_session

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Debian's chromium and chromium-driver are not installed "
           "(`make browser`, or apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return finished_run(tmp_path_factory.mktemp("serve-browser"))


@pytest.fixture(scope="module")
def server(out: Path) -> Iterator[Server]:
    with serving(out) as running:
        yield running


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with chromium_session(tmp_path_factory.mktemp("chromium-profile")) as session:
        yield session


def visit(browser: Browser, server: Server, path: str) -> None:
    browser.command("POST", "/url", {"url": server.url + path.lstrip("/")})
    assert browser.console_errors() == []
    loaded = browser.run("return [location.href].concat(performance.getEntriesByType("
                         "'resource').map(function (e) { return e.name; }));")
    own = urllib.parse.urlsplit(server.url).netloc
    assert {urllib.parse.urlsplit(url).netloc for url in loaded} == {own}, loaded


def test_home_search_with_facet_article_query_and_map(chromium: Browser, server: Server,
                                                      out: Path) -> None:
    visit(chromium, server, "/")
    assert chromium.run("return document.title").startswith("vnextract")

    visit(chromium, server, "/corpus/articles?_search=camera+an+ninh&_facet=province")
    rows = chromium.run("return document.querySelectorAll('table.rows-and-columns tbody tr')"
                        ".length")
    facets = chromium.run("return Array.from(document.querySelectorAll('.facet-info li a'))"
                          ".map(function (a) { return a.textContent; });")
    assert rows > 0 and any("Ninh Bình" in facet for facet in facets)

    article_id, title = run_query(out, "SELECT article_id, title FROM articles "
                                       "WHERE duplicate_of IS NULL LIMIT 1").rows[0]
    visit(chromium, server, f"/corpus/articles/{article_id}")
    assert title in chromium.run("return document.body.innerText")

    visit(chromium, server, "/corpus/who_was_commended?province=")
    assert chromium.run("return document.querySelectorAll('table.rows-and-columns tbody tr')"
                        ".length") > 0
    visit(chromium, server, "/corpus/who_was_commended.json?province=&_shape=array")
    assert chromium.run("return JSON.parse(document.body.innerText).length") > 0

    visit(chromium, server, "/-/map")
    size = chromium.run("""var svg = document.querySelector('svg');
        var r = svg.getBoundingClientRect();
        return [r.width, r.height, svg.querySelectorAll('circle').length];""")
    assert size[0] > 300 and size[1] > 300 and size[2] > 0
