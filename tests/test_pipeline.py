"""The path from raw text to record: every seed gives a valid, lossless record."""

from __future__ import annotations

import pytest

from extractor import ExtractionError, Settings, extract
from extractor.article import Article
from extractor.pipeline import tag
from extractor.text.segment import segment, word_at
from schemas import ArticleRecord
from tests.conftest import ARTICLES


def test_a_record_for_every_seed(seed_records: dict[str, ArticleRecord]) -> None:
    assert sorted(seed_records) == sorted(path.stem for path in ARTICLES)
    assert len(ARTICLES) == 5
    for record in seed_records.values():
        assert len(record.clean_text) > 1000


def test_every_span_cuts_its_text(seed_records: dict[str, ArticleRecord]) -> None:
    spans = 0
    for record in seed_records.values():
        for _, span in record.spans():
            assert record.clean_text[span.start : span.end] == span.text
            spans += 1
    assert spans > 0


def test_segmentation_is_lossless(seed_records: dict[str, ArticleRecord]) -> None:
    for record in seed_records.values():
        result = segment(record.clean_text)
        article = Article(record.clean_text, result.sentences, result.words)
        assert article.doc.text == record.clean_text
        assert result.warnings == []
        words = [record.clean_text[start:end] for start, end in result.tokens]
        assert "Công an" in words  # words, not syllables
        for start, end in result.sentences:
            assert record.clean_text[start:end].strip() == record.clean_text[start:end]


def test_words_asked_for_one_at_a_time_are_the_words_of_the_whole_text(
    seed_records: dict[str, ArticleRecord],
) -> None:
    for record in seed_records.values():
        text = record.clean_text
        whole = segment(text).tokens
        lazy = segment(text).words
        for offset in range(-1, len(text) + 1, 3):  # gaps between sentences included
            assert lazy.at(offset) == word_at(whole, offset), offset
        assert lazy.all() == whole


def test_words_are_segmented_only_in_the_sentences_a_rule_reads(
    seed_records: dict[str, ArticleRecord],
) -> None:
    # Word segmentation is nearly all of the cost: the rules must not ask everywhere.
    sentences = segmented = 0
    for record in seed_records.values():
        result = segment(record.clean_text)
        tag(Article(record.clean_text, result.sentences, result.words))
        sentences += len(result.sentences)
        segmented += result.words.segmented
    assert segmented < sentences / 4, (segmented, sentences)


def test_same_text_same_id_and_record() -> None:
    text = ARTICLES[0].read_text(encoding="utf-8")
    assert extract(text, source="a") == extract(text, source="a")
    assert extract(text, source="a").article_id == extract(text, source="b").article_id


def test_too_long_article_is_refused_with_the_reason() -> None:
    with pytest.raises(ExtractionError, match="limit"):
        extract("Tiêu đề\n\n" + "Công an phường họp. " * 100, source="big",
                settings=Settings(max_chars=50))


def test_a_failing_tagger_becomes_a_precise_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor import pipeline

    def broken(article: object, facts: object) -> list[object]:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "TAGGERS", (*pipeline.TAGGERS, ("awards", broken)))
    with pytest.raises(ExtractionError) as caught:
        extract("Tiêu đề\n\nCông an phường họp.", source="a.txt")
    assert caught.value.stage == "tag:awards"
    assert "boom" in caught.value.reason and caught.value.source == "a.txt"


def test_input_warnings_reach_the_record() -> None:
    from extractor import Metadata

    record = extract("Tiêu đề\n\nCông an phường họp.", source="a",
                     metadata=Metadata(warnings=("converted from TCVN3 (ABC)",)))
    assert "converted from TCVN3 (ABC)" in record.warnings


def test_long_sentences_are_cut_into_pieces_at_spaces() -> None:
    text = "an ninh trật tự " * 400  # 6,400 characters, no punctuation
    result = segment(text.strip(), max_piece_chars=500)
    words = [text[start:end] for start, end in result.tokens]
    assert "an ninh" in words or "an" in words
    assert all(end - start < 500 for start, end in result.tokens)
    assert result.warnings == []
    unbroken = segment("1." * 2000, max_piece_chars=500)
    assert unbroken.tokens and any("unbroken run" in w for w in unbroken.warnings)
