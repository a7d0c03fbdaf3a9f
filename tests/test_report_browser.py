"""The HTML report in a real browser: Debian's headless Chromium through chromedriver.

chromedriver speaks the W3C WebDriver protocol over plain HTTP, so urllib is
the whole client (no selenium, no websockets). `make pytest` installs
chromium and chromium-driver; without them these tests skip and say why.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.research.report import build_html
from extractor.research.report_data import read_run
from tests.report_samples import hostile_record, sample_run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1600"]

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Debian's chromium and chromium-driver are not installed "
           "(`make browser`, or apt-get install chromium chromium-driver)",
)


class WebDriverError(RuntimeError):
    """chromedriver answered a command with an error."""


class Browser:
    """A chromedriver session: just the W3C commands these tests need."""

    def __init__(self, port: int, user_data_dir: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        capabilities = {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM,
                                   "args": [*FLAGS, f"--user-data-dir={user_data_dir}"]},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}
        self.session = self._call("POST", "/session", {"capabilities": capabilities})["sessionId"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise WebDriverError(f"{method} {path}: {error.read().decode()[:500]}") from error

    def command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self._call(method, f"/session/{self.session}{path}", body)

    def open(self, path: Path) -> None:
        self.command("POST", "/url", {"url": path.as_uri()})

    def run(self, script: str, *args: object) -> Any:
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def console_errors(self) -> list[str]:
        entries = self.command("POST", "/se/log", {"type": "browser"})
        return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]

    def alert_open(self) -> bool:
        try:
            self.command("GET", "/alert/text")
        except WebDriverError as error:
            if "no such alert" in str(error):
                return False
            raise
        return True

    def screenshot(self, path: Path) -> None:
        import base64

        path.write_bytes(base64.b64decode(self.command("GET", "/screenshot")))

    def close(self) -> None:
        self.command("DELETE", "")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


STARTUP_ATTEMPTS = 200  # chromedriver's /status polled at most this many times


@contextlib.contextmanager
def chromium_session(profile: Path) -> Iterator[Browser]:
    """Chromedriver on a free port and a headless Chromium session with `profile`."""
    port = _free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(STARTUP_ATTEMPTS):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=1).close()
                break
            except OSError:
                if driver.poll() is not None:
                    raise RuntimeError("chromedriver exited") from None
                with contextlib.suppress(subprocess.TimeoutExpired):  # still running
                    driver.wait(timeout=0.1)
        session = Browser(port, profile)
        try:
            yield session
        finally:
            session.close()
    finally:
        driver.terminate()
        driver.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with chromium_session(tmp_path_factory.mktemp("chromium-profile")) as session:
        yield session


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    run = sample_run(tmp_path_factory.mktemp("run"))
    path.write_text(build_html(read_run(run)), encoding="utf-8")
    return path


def test_report_loads_without_console_errors(browser: Browser, report: Path) -> None:
    browser.open(report)
    assert browser.run("return document.title") == "vnextract report"
    assert browser.console_errors() == []
    rows = browser.run("return document.querySelectorAll('#figures-body tr.figure').length")
    assert rows == 11


def test_charts_render_with_size(browser: Browser, report: Path) -> None:
    browser.open(report)
    boxes = browser.run("""return Array.from(document.querySelectorAll('#charts svg'))
        .map(function (svg) { var r = svg.getBoundingClientRect();
          return [r.width, r.height, svg.querySelectorAll('rect').length]; });""")
    assert len(boxes) == 4
    for width, height, bars in boxes:
        assert width > 100 and height > 40 and bars >= 2
    bar_widths = browser.run("""return Array.from(document.querySelectorAll('#charts rect'))
        .map(function (r) { return r.getBBox().width; });""")
    assert min(bar_widths) > 0
    province_map = browser.run("""var svg = document.querySelector('#map svg');
        var r = svg.getBoundingClientRect();
        return [r.width, r.height, svg.querySelectorAll('circle').length];""")
    assert province_map[0] > 100 and province_map[1] > 100 and province_map[2] > 34


def test_search_filters_the_table_and_reveals_evidence(
    browser: Browser, report: Path, tmp_path: Path
) -> None:
    browser.open(report)
    box = browser.command("POST", "/element",
                          {"using": "css selector", "value": "#search"})
    element = next(iter(box.values()))
    browser.command("POST", f"/element/{element}/value", {"text": "luot nguoi PEOPLE"})
    visible = browser.run("""return Array.from(document.querySelectorAll('tr.figure'))
        .filter(function (r) { return !r.hidden; })
        .map(function (r) { return r.children[1].textContent; });""")
    assert visible == ["141.174 lượt người"]
    assert browser.run("return document.getElementById('search-count').textContent") == \
        "1 of 11 figures"
    browser.run("document.querySelector('tr.figure:not([hidden]) button').click();")
    evidence = browser.run("""var row = document.querySelector('tr.evidence:not([hidden])');
        return [row.textContent, row.querySelector('mark').textContent];""")
    assert evidence[1] == "141.174 lượt người"
    assert "141.174 lượt người tham gia" in evidence[0]
    browser.command("POST", f"/element/{element}/clear", {})
    browser.run("document.getElementById('search').dispatchEvent(new Event('input'));")
    assert browser.run("return document.getElementById('search-count').textContent") == \
        "11 of 11 figures"
    shot = tmp_path / "report.png"
    browser.run("document.getElementById('search').value = 'ninh khanh';"
                "document.getElementById('search').dispatchEvent(new Event('input'));"
                "document.querySelector('tr.figure:not([hidden]) button').click();")
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshot: {shot}")


def test_hostile_input_runs_no_script(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    run = sample_run(tmp_path / "run", [hostile_record()])
    path.write_text(build_html(read_run(run)), encoding="utf-8")
    browser.open(path)
    assert not browser.alert_open()
    assert browser.run("return window.__pwned === undefined") is True
    # The markup is shown as text, not dropped: escaping kept it visible.
    shown = browser.run("return document.body.innerText")
    assert "<script>window.__pwned = 1; alert(1)</script>" in shown
    assert browser.run("return document.querySelectorAll('script').length") == 2
    assert browser.run("return document.querySelectorAll('img, [onload], [onerror]').length") == 0
    assert browser.console_errors() == []
    shot = tmp_path / "hostile.png"
    browser.screenshot(shot)
    print(f"screenshot: {shot}")
