"""spaCy users: the component's spans are the record's facts; DocBin and CoNLL exports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from extractor import Settings, extract
from extractor.research.spacy_docs import ENTITY_LABELS, SPAN_KEY, SPAN_LABELS, load
from extractor.text.normalize import normalize
from tests.conftest import ARTICLES, ROOT

BODY_ONLY = Settings(strip_furniture=False)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load()


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_component_spans_are_the_records_facts(nlp: spacy.language.Language,
                                                path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    record = extract(normalize(text).text, settings=BODY_ONLY)
    assert doc.text == record.clean_text
    assert doc.user_data["vnextract_warnings"] == []
    expected = sorted(
        (field, mention.start, mention.end)
        for field in SPAN_LABELS for mention in getattr(record, field)
    )
    found = sorted(
        (next(f for f, label in SPAN_LABELS.items() if label == span.label_),
         span._.vnextract["start"], span._.vnextract["end"])
        for span in doc.spans[SPAN_KEY]
    )
    assert found == expected and found
    # entities: units, people, dates, never overlapping, each one of the spans
    labels = set(ENTITY_LABELS.values())
    assert {ent.label_ for ent in doc.ents} <= labels and len(doc.ents) > 0
    span_offsets = {(s.start_char, s.end_char) for s in doc.spans[SPAN_KEY]}
    assert all((ent.start_char, ent.end_char) in span_offsets for ent in doc.ents)
    people = [ent for ent in doc.ents if ent.label_ == "PER"]
    assert {ent.text for ent in people} <= {person.name for person in record.people}


def test_factory_is_found_through_the_entry_point() -> None:
    script = ("import spacy; nlp = spacy.blank('xx'); nlp.add_pipe('vnextract'); "
              "doc = nlp('Công an tỉnh Nam Định bắt 3 đối tượng.'); "
              "print([(e.text, e.label_) for e in doc.ents])")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, cwd=ROOT).stdout
    assert "('Công an tỉnh Nam Định', 'ORG')" in shown


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spacy")
    vnextract = str(Path(sys.executable).with_name("vnextract"))
    subprocess.run([vnextract, "extract", str(ROOT / "corpus" / "articles"), "-o",
                    str(root / "out"), "--workers", "1"], check=True, capture_output=True)
    for fmt, name in (("spacy", "corpus.spacy"), ("conll", "corpus.conll")):
        subprocess.run([vnextract, "export", str(root / "out"), "-o", str(root / name),
                        "--format", fmt], check=True, capture_output=True)
    return root


def test_docbin_holds_every_article_with_its_facts(exported: Path) -> None:
    docs = list(DocBin().from_disk(exported / "corpus.spacy").get_docs(load().vocab))
    assert len(docs) == len(ARTICLES)
    for doc in docs:
        assert doc.ents and doc.spans[SPAN_KEY]
        assert all(span._.vnextract["text"] for span in doc.spans[SPAN_KEY])


def test_conll_tags_are_well_formed_bio(exported: Path) -> None:
    previous = "O"
    tags = 0
    for line in (exported / "corpus.conll").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            previous = "O"
            continue
        token, tag = line.split("\t")
        assert token.strip() and (tag == "O" or tag[:2] in ("B-", "I-"))
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:], (previous, tag)
        tags += tag != "O"
        previous = tag
    assert tags > 50


def test_spacy_debug_data_accepts_the_export(exported: Path) -> None:
    config = exported / "config.cfg"
    subprocess.run([sys.executable, "-m", "spacy", "init", "config", str(config), "--lang", "xx",
                    "--pipeline", "ner", "--force"], check=True, capture_output=True)
    data = str(exported / "corpus.spacy")
    shown = subprocess.run([sys.executable, "-m", "spacy", "debug", "data", str(config),
                            "--paths.train", data, "--paths.dev", data],
                           capture_output=True, text=True, cwd=exported).stdout
    assert "No entities crossing sentence boundaries" in shown
    assert "No entities consisting of or starting/ending with whitespace" in shown
    errors = [line for line in shown.splitlines() if "✘" in line and "1 error" not in line]
    # five articles are too few to train on: the one error spaCy may report
    assert all("Low number of examples" in line for line in errors), errors
