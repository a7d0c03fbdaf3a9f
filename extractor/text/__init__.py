"""Text wing: bytes and strings to a clean, segmented article.

Encoding detection and legacy Vietnamese fonts (`encoding`, `legacy_fonts`,
`vietnamese_score`), normalisation with its offset map (`normalize`), site
furniture: title, dateline, byline (`furniture`), sentences and words
(`segment`), and the literal-search helpers every rule family uses (`search`).

Offers the others: `normalize`, `split_furniture`, `segment`, `search`.
Imports only the shared base (`extractor.errors`, `extractor.settings`,
`extractor.metadata`, `extractor.resources`) and `schemas`; never the rules,
places, pipeline, batch or research wings.
"""
