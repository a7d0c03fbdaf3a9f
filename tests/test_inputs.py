"""Inputs: text, HTML (trafilatura), JSONL with metadata, globs, stdin, bad lines."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
from pathlib import Path

import pytest

from extractor.batch.inputs import (
    Task,
    count_tasks,
    decode,
    iter_tasks,
    load,
    missing_inputs,
    read_file,
    skipped_in_directories,
)
from extractor.batch.worker import process
from extractor.errors import InputError
from extractor.pipeline import extract
from tests.conftest import ARTICLES
from tests.test_encoding import encode_cp1258

PAGE = """<html><head><title>Hội nghị tổng kết - Báo Mẫu</title>
<meta property="og:site_name" content="Báo Mẫu">
<meta property="article:published_time" content="2019-09-03T08:13:00+07:00"></head>
<body><nav>Trang chủ | Thời sự | Pháp luật</nav><article><h1>Hội nghị tổng kết</h1>
<p>Ngày 10/5, UBND phường Ninh Khánh tổ chức hội nghị tổng kết 10 năm thực hiện Chương
trình phối hợp số 09 giữa Bộ Công an với Ủy ban Trung ương MTTQ Việt Nam.</p>
<p>Qua 10 năm, lực lượng Công an và MTTQ phường đã tiếp nhận 1.250 tin báo liên quan đến
an ninh trật tự và hòa giải thành 65 vụ mâu thuẫn trong nhân dân.</p></article>
<footer>Bản quyền thuộc về Báo Mẫu. Liên hệ quảng cáo</footer></body></html>"""


def _tasks(*arguments: str, stdin: bytes | None = None) -> list[Task]:
    return list(iter_tasks(list(arguments), io.BytesIO(stdin) if stdin is not None else None))


def test_text_file_is_read_as_is(tmp_path: Path) -> None:
    (task,) = _tasks(str(ARTICLES[0]))
    article = load(task)
    assert task.kind == "text" and task.key == str(ARTICLES[0].resolve())
    assert article.text == ARTICLES[0].read_text(encoding="utf-8")
    assert article.metadata.title is None


def test_utf8_bom_is_dropped_legacy_encodings_named_and_binary_refused() -> None:
    assert decode("\ufeffHội nghị".encode(), "x").text == "Hội nghị"
    decoded = decode("Hội nghị công an phường".encode("utf-16-le"), "x")
    assert decoded.text == "Hội nghị công an phường" and decoded.warnings
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 8, "x")


def test_conversion_warnings_reach_the_record(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = ARTICLES[0].read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-16"))  # with a byte-order mark: no warning
    assert read_file(path).text == text
    path.write_bytes(encode_cp1258(text))
    article = read_file(path)
    assert article.text.startswith("Phường Ninh Khánh")
    record = extract(article.text, source=article.source, metadata=article.metadata)
    assert any("1258" in warning for warning in record.warnings)


def test_html_is_reduced_to_the_body_with_its_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    article = load(_tasks(str(page))[0])
    assert article.metadata.title == "Hội nghị tổng kết"
    assert article.metadata.site == "Báo Mẫu"
    assert article.metadata.published == dt.date(2019, 9, 3)
    assert "1.250 tin báo" in article.text
    assert "Trang chủ" not in article.text and "quảng cáo" not in article.text
    assert article.text.startswith("Hội nghị tổng kết\n")  # title first, for furniture


def test_jsonl_metadata_given_beats_metadata_guessed(tmp_path: Path) -> None:
    body = ARTICLES[3].read_text(encoding="utf-8")
    lines = [
        {"url": "https://a.vn/1", "title": "Tiêu đề riêng", "published": "2021-03-04",
         "site": "a.vn", "text": body},
        {"url": "https://b.vn/2", "published": "2020-01-02", "html": PAGE},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
                    encoding="utf-8")
    first, second = (load(task) for task in _tasks(str(feed)))
    assert first.source == "https://a.vn/1"
    assert first.metadata.title == "Tiêu đề riêng"
    assert first.metadata.published == dt.date(2021, 3, 4)
    assert first.text.startswith("Tiêu đề riêng\n\n")
    assert second.metadata.published == dt.date(2020, 1, 2)  # given, not the page's 2019
    assert second.metadata.site == "Báo Mẫu"  # not given: the page's own
    outcome = process(_tasks(str(feed))[0])
    assert outcome.record_json is not None, outcome.reason
    assert json.loads(outcome.record_json)["published"] == "2021-03-04"


def test_bad_jsonl_lines_are_quarantined_with_their_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Tiêu đề\\n\\nNội dung bài."}\n\n{broken\n[1, 2]\n'
                    '{"title": "x"}\n{"text": "a", "published": "hôm qua"}\n', encoding="utf-8")
    tasks = _tasks(str(feed))
    assert [task.line for task in tasks] == [1, 3, 4, 5, 6]  # the blank line 2 is skipped
    outcomes = [process(task) for task in tasks[1:]]
    assert all(outcome.status == "quarantined" and outcome.stage == "read"
               for outcome in outcomes)
    reasons = [str(outcome.reason) for outcome in outcomes]
    assert reasons[0].startswith("line 3: invalid JSON")
    assert reasons[1].startswith("line 4: expected a JSON object")
    assert reasons[2].startswith("line 5: no non-empty text or html")
    assert reasons[3].startswith("line 6: field 'published' is not an ISO date")
    assert [outcome.quarantine_entry()["line"] for outcome in outcomes] == [3, 4, 5, 6]


def test_globs_and_directories_expand_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.html", "sub/d.jsonl", "notes.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}\n" if name.endswith("jsonl") else "x",
                                     encoding="utf-8")
    by_dir = [Path(task.source).name for task in _tasks(str(tmp_path))]
    assert by_dir[:2] == ["a.txt", "b.txt"]
    assert [task.kind for task in _tasks(str(tmp_path))] == ["text", "text", "html", "jsonl"]
    by_glob = [Path(task.source).name for task in _tasks(str(tmp_path / "*.txt"))]
    assert by_glob == ["a.txt", "b.txt"]
    recursive = _tasks(str(tmp_path / "**" / "*.html"))
    assert [Path(task.source).name for task in recursive] == ["c.html"]
    assert missing_inputs([str(tmp_path / "*.pdf"), str(tmp_path / "nope.txt"), "-",
                           str(tmp_path)]) == [str(tmp_path / "*.pdf"),
                                               str(tmp_path / "nope.txt")]


def test_stdin_text_html_and_jsonl() -> None:
    text = ARTICLES[0].read_bytes()
    (task,) = _tasks("-", stdin=text)
    assert (task.key, task.kind) == ("<stdin>", "text")
    assert load(task).text == text.decode("utf-8")
    (page,) = _tasks("-", stdin=PAGE.encode())
    assert page.kind == "html" and load(page).metadata.site == "Báo Mẫu"
    lines = b'{"text": "T\\n\\nA."}\n{"text": "U\\n\\nB."}\n'
    tasks = _tasks("-", stdin=lines)
    assert [task.key for task in tasks] == ["<stdin>:1", "<stdin>:2"]
    assert [load(task).text for task in tasks] == ["T\n\nA.", "U\n\nB."]


def test_unreadable_file_fails_with_the_reason(tmp_path: Path) -> None:
    outcome = process(Task(key="k", source="gone.txt", kind="text", path=str(tmp_path / "gone")))
    assert outcome.status == "quarantined" and outcome.stage == "read"
    assert "cannot be read" in str(outcome.reason)


def _gzip_lines(path: Path, lines: list[dict[str, object]]) -> bytes:
    data = gzip.compress("".join(json.dumps(line, ensure_ascii=False) + "\n"
                                 for line in lines).encode())
    path.write_bytes(data)
    return data


def test_gzip_jsonl_is_streamed_and_ids_name_the_sources(tmp_path: Path) -> None:
    body = ARTICLES[0].read_text(encoding="utf-8")
    feed = tmp_path / "news.JSONL.gz"
    _gzip_lines(feed, [{"id": "a-17", "text": body}, {"id": 18, "text": body},
                       {"text": body}, {"id": ["x"], "text": body}])
    tasks = _tasks(str(tmp_path))  # found in a directory, as named
    assert [task.key for task in tasks] == [f"{feed.resolve()}:{n}" for n in (1, 2, 3, 4)]
    assert [load(task).source for task in tasks[:3]] == [f"{feed}:a-17", f"{feed}:18",
                                                         f"{feed}:3"]
    with pytest.raises(InputError, match="line 4: field 'id' must be a string or an integer"):
        load(tasks[3])
    assert count_tasks([str(feed)]) == 4


def test_a_truncated_gzip_gives_its_lines_and_one_quarantined_rest(tmp_path: Path) -> None:
    feed = tmp_path / "cut.jsonl.gz"
    lines: list[dict[str, object]] = [{"id": n, "text": f"Bài {n} " * 2000} for n in range(40)]
    data = _gzip_lines(feed, lines)
    feed.write_bytes(data[: len(data) * 2 // 3])
    tasks = _tasks(str(feed))
    assert 0 < len(tasks) - 1 < 40 and [task.line for task in tasks] == list(
        range(1, len(tasks) + 1))
    assert all(load(task).text.startswith("Bài") for task in tasks[:-1])
    outcome = process(tasks[-1])
    assert outcome.status == "quarantined" and outcome.stage == "read"
    assert f"line {len(tasks)} and after cannot be read: Compressed file ended" in str(
        outcome.reason)
    plain = tmp_path / "plain.jsonl.gz"  # not compressed at all
    plain.write_text('{"text": "x"}\n', encoding="utf-8")
    (task,) = _tasks(str(plain))
    assert task.error is not None and "Not a gzipped file" in task.error


@pytest.mark.parametrize(("name", "data", "said"), [
    ("report.docx", b"PK\x03\x04" + b"\0" * 700, "unsupported format: .docx is a Word document"),
    ("minutes.odt", b"PK\x03\x04" + b"\0" * 700, ".odt is an OpenDocument text"),
    ("scan.pdf", b"%PDF-1.7\n" + b"\0" * 700, ".pdf is a PDF document"),
    ("bai.txt", b"%PDF-1.4\n" + b"\0" * 700, "the content is a PDF document"),
    ("bai", b"PK\x03\x04" + b"\0" * 700, "the content is a ZIP archive"),
])
def test_office_and_archive_files_are_refused_as_what_they_are(
    tmp_path: Path, name: str, data: bytes, said: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (task,) = _tasks(str(path))
    outcome = process(task)
    assert outcome.stage == "read" and said in str(outcome.reason)
    assert "NUL" not in str(outcome.reason)
    with pytest.raises(InputError, match=said.replace(".", r"\.")):
        read_file(path)


def test_files_left_out_of_a_directory_are_counted(tmp_path: Path) -> None:
    for name in ("a.txt", "b.docx", "c.docx", "sub/d.pdf", "sub/e", "f.jsonl.gz"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert skipped_in_directories([str(tmp_path), str(tmp_path / "a.txt")]) == {
        ".docx": 2, ".pdf": 1, "(no suffix)": 1}
    assert skipped_in_directories([str(tmp_path / "s*")]) == {".pdf": 1, "(no suffix)": 1}


def test_file_names_that_are_not_utf8_are_read_and_named_printably(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/b\xe0i.txt"
    with open(raw, "wb") as stream:
        stream.write(ARTICLES[0].read_bytes())
    (task,) = _tasks(str(tmp_path))
    assert task.key.endswith("b\\xe0i.txt") and task.source.encode("utf-8")
    assert load(task).text == ARTICLES[0].read_text(encoding="utf-8")


def test_read_file_says_why_a_path_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "feed.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "big.txt").write_text("chữ " * 100, encoding="utf-8")
    for path, said in [(tmp_path, "is a directory"), (tmp_path / "none.txt", "no such file"),
                       (tmp_path / "empty.txt", "empty"),
                       (tmp_path / "feed.jsonl", "is a JSON Lines file")]:
        with pytest.raises(InputError, match=said):
            read_file(path)
    with pytest.raises(InputError, match=r"more than the limit of 100 \(raise it with --max-"):
        read_file(tmp_path / "big.txt", max_bytes=100)
    assert read_file(tmp_path / "big.txt", max_bytes=1000).text.startswith("chữ")
