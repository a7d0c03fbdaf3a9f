"""Commands for researchers (eval, report): registered on the main app by cli.py."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the research commands to `app` (issue 6 adds eval and report here)."""
