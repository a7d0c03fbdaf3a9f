"""What a worker does with one task: read it, extract it, and say how it went.

This is the batch boundary of the style guide: one failing article never stops
the batch. Precise errors (ExtractionError, InputError) keep their stage and
reason; anything else is a bug in a stage and is recorded as such (stage
"internal", with the exception type, message and the line that raised it), so
that it is reported rather than silenced or fatal to the run.
"""

from __future__ import annotations

import traceback

from extractor.batch.inputs import Task, load
from extractor.batch.outcome import Outcome
from extractor.batch.syndication import signature_bytes
from extractor.errors import ExtractionError
from extractor.pipeline import extract
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.text.segment import load_models

# A short article that goes through every stage, so models load before real work.
# It names a place: the gazetteer (~0.8 s to build, tens of MB) is then built once
# in the forkserver and shared, not once per worker on its first real article.
_WARM_UP_TEXT = (
    "Hội nghị tổng kết\n\nNgày 10/5, Công an phường Trường Thi, thành phố Vinh tổ chức "
    "hội nghị tổng kết công tác năm 2019 với 120 đại biểu tham dự."
)


def _internal_reason(error: Exception) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def process(task: Task, settings: Settings = DEFAULT_SETTINGS) -> Outcome:
    """Turn one task into a record or a quarantine entry; never raises for one article."""
    try:
        raw = load(task, settings.max_bytes)
        record = extract(raw.text, source=raw.source, metadata=raw.metadata, settings=settings)
    except ExtractionError as error:
        return Outcome(task.key, error.source, "quarantined", stage=error.stage,
                       reason=error.reason, line=task.line)
    except Exception as error:  # the batch boundary: recorded, not silenced
        return Outcome(task.key, task.source, "quarantined", stage="internal",
                       reason=_internal_reason(error), line=task.line)
    return Outcome(task.key, record.source, "record", article_id=record.article_id,
                   record_json=record.model_dump_json(),
                   signature=signature_bytes(record.clean_text))


def warm_up() -> None:
    """Load underthesea's models and the rules once in this process (pool initializer).

    Words are segmented only where a rule asks, which the warm-up text may not do:
    the models are loaded explicitly too. Rules compile on first use: the warm-up
    compiles those a short article reaches; a worker compiles the rest as its articles
    need them (a few seconds once per worker, where compiling all here would cost a
    small batch ~7 CPU seconds before its first record)."""
    load_models()
    extract(_WARM_UP_TEXT, source="<warm-up>")
