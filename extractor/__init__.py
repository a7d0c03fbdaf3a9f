"""vnextract: validated, evidence-linked records from Vietnamese news reports.

    from extractor import extract
    record = extract(text)            # an ArticleRecord (see schemas/)
"""

from extractor.errors import ExtractionError, InputError
from extractor.pipeline import Metadata, extract
from extractor.settings import Settings

__all__ = ["ExtractionError", "InputError", "Metadata", "Settings", "extract"]
