"""The notebooks are committed clean; `pytest --nbmake notebooks/` runs them."""

from __future__ import annotations

from pathlib import Path

import nbformat

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_notebooks_exist_and_carry_no_outputs() -> None:
    assert len(NOTEBOOKS) >= 2
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert code, f"{path.name} has no code"
        dirty = [i for i, cell in enumerate(code) if cell.outputs or cell.execution_count]
        assert dirty == [], f"{path.name}: clear the outputs of code cells {dirty}"
