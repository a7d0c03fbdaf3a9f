"""run.json: what the runs in OUT_DIR were made with, so that --resume and --add can check it.

    {"schema_version": "1.1", "settings": {...},
     "batches": [{"inputs": [...], "files": 40, "fingerprint": "9f2c...", "finished": true}]}

The first run of OUT_DIR opens the first batch; each `--add` opens another once
the last is finished. A batch's inputs are its arguments resolved (a directory or
file as its absolute path, a glob made absolute, `-` for stdin) and a fingerprint
of the files they list: the SHA-256 of each file's resolved path and size, in
listing order. `--resume` finishes the last batch and refuses other inputs, so
that two corpora are never merged by mistake; `--add` is the explicit way to
extend a finished corpus. Stdin cannot be listed ahead: a stdin batch is known
by its `-` only.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from extractor.batch.inputs import STDIN, expand_paths
from extractor.settings import Settings
from schemas import SCHEMA_VERSION

MANIFEST = "run.json"
_SHOWN = 3  # arguments named in a message; the rest are counted


class OutputDirError(Exception):
    """The output directory cannot be used as asked (existing run, other settings, damage)."""


def _argument(argument: str) -> str:
    if argument == STDIN:
        return argument
    path = Path(argument)
    return str(path.resolve()) if path.exists() else os.path.abspath(argument)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1  # a dangling link or an unreadable entry: listed all the same


@dataclass(frozen=True)
class InputSet:
    """The inputs of one batch, as run.json keeps them."""

    inputs: tuple[str, ...]
    files: int
    fingerprint: str

    @classmethod
    def of(cls, arguments: Sequence[str]) -> InputSet:
        """The arguments resolved and the fingerprint of the files they list (one listing pass)."""
        digest = hashlib.sha256()
        files = 0
        for argument in arguments:
            if argument == STDIN:
                continue
            for path in expand_paths([argument]):
                digest.update(f"{path.resolve()}\0{_size(path)}\n".encode())
                files += 1
        return cls(tuple(_argument(argument) for argument in arguments), files,
                   digest.hexdigest())

    def differs(self, then: dict[str, Any]) -> str | None:
        """Why these inputs are not the batch `then` (None: they are)."""
        earlier = tuple(str(argument) for argument in then.get("inputs", ()))
        if earlier != self.inputs:
            return f"it was made from {_shown(earlier)}, not {_shown(self.inputs)}"
        if (then.get("files"), then.get("fingerprint")) != (self.files, self.fingerprint):
            return (f"the files under its inputs changed ({then.get('files')} files then, "
                    f"{self.files} now, or their sizes differ)")
        return None


def _shown(arguments: Sequence[str]) -> str:
    named = ", ".join(arguments[:_SHOWN])
    more = len(arguments) - _SHOWN
    return f"{named} and {more} more" if more > 0 else named or "no input"


def _write(target: Path, data: dict[str, Any]) -> None:
    temporary = target.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, target)


def open_batch(out_dir: Path, settings: Settings, inputs: InputSet | None, *, add: bool) -> None:
    """Check run.json against this run's settings and inputs, and record its batch.

    `inputs` None (a caller that does not list its inputs) checks the settings only."""
    target = out_dir / MANIFEST
    expected = {"schema_version": SCHEMA_VERSION, "settings": settings.model_dump()}
    data: dict[str, Any] = (json.loads(target.read_text(encoding="utf-8")) if target.exists()
                            else {**expected, "batches": []})
    found = {key: data.get(key) for key in expected}
    if found != expected:
        raise OutputDirError(f"{out_dir} was started with {found}, not {expected}: "
                             "resume with the same settings, or use --fresh")
    batches: list[dict[str, Any]] = data.setdefault("batches", [])
    if inputs is not None:
        last = batches[-1] if batches else None
        why = inputs.differs(last) if last is not None else None
        if last is None or (add and why and last.get("finished")):
            batches.append({**asdict(inputs), "inputs": list(inputs.inputs), "finished": False})
        elif why and last.get("finished"):
            raise OutputDirError(f"{out_dir} holds a finished corpus of other inputs ({why}): "
                                 "to add these inputs to it, use --add instead of --resume")
        elif why:
            raise OutputDirError(f"{out_dir} holds an unfinished run of other inputs ({why}): "
                                 "finish it first with --resume and its own inputs")
    _write(target, data)


def finish_batch(out_dir: Path) -> None:
    """Mark the last batch finished (its inputs all journaled, the tables in place)."""
    target = out_dir / MANIFEST
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    if data.get("batches"):
        data["batches"][-1]["finished"] = True
        _write(target, data)
