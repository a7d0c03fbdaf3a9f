"""Batch wing: many inputs to records and tables, exactly once.

Inputs (`inputs`: txt, html, jsonl; `html_input`, `jsonl_input`), the run and
its engines (`run`, `engine_local`, `engine_dask`, `worker*`, `inflight`), the
journal and resume (`journal`, `keyset`, `outcome`), the tables (`store`,
`tables`, `table_writer`), syndicated copies (`syndication`) and the progress
bar (`progress`).

Offers the others: `run.run_batch`, `inputs.read_file`, `store` (table names).
Imports the pipeline (`extractor.extract`) and everything below it; never the
research wing or the command line.
"""
