"""vnextract: validated, evidence-linked records from Vietnamese news reports.

    from extractor import extract
    record = extract(text)            # an ArticleRecord (see schemas/)

Every name here is imported on first use: the pipeline loads underthesea and
spaCy, and even Pydantic costs a batch run's start-up time, which commands such
as `vnextract query` and the batch parent (before its workers start) never need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractor.errors import ExtractionError, InputError
    from extractor.metadata import Metadata
    from extractor.pipeline import extract
    from extractor.settings import Settings

_HOMES = {"ExtractionError": "extractor.errors", "InputError": "extractor.errors",
          "Metadata": "extractor.metadata", "Settings": "extractor.settings",
          "extract": "extractor.pipeline"}
__all__ = ["ExtractionError", "InputError", "Metadata", "Settings", "extract"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
