"""Research wing: what a researcher does with a finished run.

Scoring against gold (`evaluate`, `matching`), the one-page HTML report
(`report*`), `show` (facts beside their evidence), `query` (read-only SQL) and
the typer commands behind them (`commands`).

Imports the batch wing (tables, inputs) and everything below it; only the
command line imports it.
"""
