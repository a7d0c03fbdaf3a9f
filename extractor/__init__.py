"""vnextract: validated, evidence-linked records from Vietnamese news reports.

    from extractor import extract
    record = extract(text)            # an ArticleRecord (see schemas/)

`extract` is imported on first use: the pipeline loads underthesea and spaCy,
which commands such as `vnextract query` and the batch parent never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractionError, InputError
from extractor.metadata import Metadata
from extractor.settings import Settings

if TYPE_CHECKING:
    from extractor.pipeline import extract

__all__ = ["ExtractionError", "InputError", "Metadata", "Settings", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from extractor.pipeline import extract

        return extract
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
