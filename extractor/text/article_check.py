"""Is this text an article at all? A PDF fragment, a page of code or of menus is not.

A scraper's batch holds such pages among the news (a PDF saved as text, a page of
navigation links, a script). Turned into records they give titles like
`3 0 obj<<...` and figures read off byte counts, so they are refused before any
rule sees them, with the reason. The tests are narrow on purpose: a text with one
real paragraph is an article, whatever else it holds.
"""

from __future__ import annotations

import regex

# PDF object syntax: "3 0 obj", "endobj", "endstream", "/Type /Page", "%PDF-1.4"
_PDF = regex.compile(r"%PDF-\d|\b\d+ 0 obj\b|\bendobj\b|\bendstream\b|/Type\s*/\w+")
# A line of program text: a keyword opening it, or code punctuation closing it.
_CODE_LINE = regex.compile(
    r"^\s*(?:import |from \S+ import |def |class |function\b|var |const |let |return\b|"
    r"#include|public |private |<\?php|<script|</?div|if\s*\(|for\s*\(|\}|\{)"
    r"|[;{}]\s*$|\)\s*\{\s*$|=>")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_SENTENCE_END = regex.compile(r"[.!?…]['\")\]]?\s*$")
MIN_PDF_MARKS = 2
MIN_CODE_LINES = 5
CODE_SHARE = 0.4
MIN_MENU_LINES = 8
MENU_LINE_WORDS = 5  # a menu entry or link is this short
PARAGRAPH_WORDS = 12  # a line this long that ends like a sentence is a paragraph


def not_an_article(text: str) -> str | None:
    """Why `text` is not a news article, or None when it may be one."""
    pdf_marks = len(_PDF.findall(text, concurrent=False)) if "obj" in text or "%PDF" in text \
        else 0
    if pdf_marks >= MIN_PDF_MARKS:
        return f"not an article: PDF object syntax ({pdf_marks} marks such as 'obj', 'endobj')"
    lines = [line for line in text.split("\n") if line.strip()]
    if any(_is_paragraph(line) for line in lines):
        return None
    code = sum(1 for line in lines if _CODE_LINE.search(line))
    if code >= MIN_CODE_LINES and code >= CODE_SHARE * len(lines):
        return f"not an article: {code} of {len(lines)} lines read as program code"
    short = sum(1 for line in lines if len(_WORD.findall(line)) <= MENU_LINE_WORDS)
    if len(lines) >= MIN_MENU_LINES and short == len(lines):
        return f"not an article: {len(lines)} short lines (menus or links) and no paragraph"
    return None


def _is_paragraph(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) >= PARAGRAPH_WORDS and bool(_SENTENCE_END.search(line))
