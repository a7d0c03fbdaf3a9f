"""The house rule: imports follow the arrows between wings, never against them.

    cli -> research -> batch -> pipeline -> rules | places -> article, facts -> text -> base

Each module may import its own wing and any wing below it. `rules` and `places` are
siblings and import neither each other nor anything above them. The base is what
every wing may use: errors, settings, metadata, the rule-file loader
(`extractor.resources`) and `schemas`. Imports are read from the source (every
`import` statement, including those inside functions), so a lazy import against
the arrows is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "extractor"

# Lowest first; each entry: (layer rank, wing name, module prefixes).
WINGS: list[tuple[int, str, tuple[str, ...]]] = [
    (0, "base", ("extractor.errors", "extractor.settings", "extractor.metadata",
                 "extractor.resources", "schemas")),
    (1, "text", ("extractor.text",)),
    (2, "shared types", ("extractor.article", "extractor.facts")),
    (3, "rules", ("extractor.rules",)),
    (3, "places", ("extractor.places",)),
    (4, "pipeline", ("extractor.pipeline", "extractor")),
    (5, "batch", ("extractor.batch",)),
    (6, "research", ("extractor.research",)),
    (7, "cli", ("extractor.cli",)),
]


def wing_of(module: str) -> tuple[int, str]:
    """The wing a module belongs to: the longest matching prefix."""
    best: tuple[int, str, int] | None = None
    for rank, name, prefixes in WINGS:
        for prefix in prefixes:
            # the bare package name is the public face alone, not a catch-all
            nested = prefix != "extractor" and module.startswith(prefix + ".")
            if (module == prefix or nested) and (
                best is None or len(prefix) > best[2]
            ):
                best = (rank, name, len(prefix))
    if best is None:
        raise ValueError(f"{module} is in no wing: add it to WINGS")
    return best[0], best[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> set[str]:
    """Project modules `path` imports (absolute and relative, at any depth)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # "from extractor.batch import worker" imports the module extractor.batch.worker
            for alias in node.names:
                candidate = ROOT / Path(*base.split("."), alias.name)
                if candidate.with_suffix(".py").exists() or candidate.is_dir():
                    found.add(f"{base}.{alias.name}")
    return {name for name in found if name.split(".")[0] in ("extractor", "schemas")}


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_wing() -> None:
    for path in MODULES:
        wing_of(module_name(path))


def against_arrows(module: str, targets: set[str]) -> list[str]:
    """The imports of `module` that point up the house or into a sibling wing."""
    rank, wing = wing_of(module)
    found = []
    for target in sorted(targets):
        target_rank, target_wing = wing_of(target)
        if target_rank > rank or (target_rank == rank and target_wing != wing):
            found.append(f"{target} ({target_wing})")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_arrows(path: Path) -> None:
    against = against_arrows(module_name(path), imported(path))
    assert not against, f"{module_name(path)} imports against the arrows: {against}"


def test_the_rule_can_fail() -> None:
    assert against_arrows("extractor.text.normalize", {"extractor.rules.dates"})
    assert against_arrows("extractor.places.scan", {"extractor.rules.people"})
    assert against_arrows("extractor.batch.store", {"extractor.research.query"})
    assert against_arrows("extractor.pipeline", {"extractor.batch.run"})
    assert not against_arrows("extractor.rules.dates", {"extractor.text.search", "schemas"})
    assert not against_arrows("extractor.research.show", {"extractor.batch.inputs"})
    with pytest.raises(ValueError, match="in no wing"):
        wing_of("extractor.somewhere_new")


def test_the_top_of_the_package_stays_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


def test_one_list_of_fact_types() -> None:
    # The schema's MENTION_FIELDS drives the record; the taggers' table and the
    # typed lists of Facts must name the same fields in the same order.
    import dataclasses

    from extractor.facts import Facts
    from extractor.pipeline import TAGGERS
    from schemas.record import MENTION_FIELDS

    assert tuple(name for name, _ in TAGGERS) == MENTION_FIELDS
    lists = tuple(f.name for f in dataclasses.fields(Facts) if f.name not in ("event", "warnings"))
    assert lists == MENTION_FIELDS
