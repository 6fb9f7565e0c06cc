"""The atlas registry and its builder: output checks, timing, one run context."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jregion.errors import AtlasOutputError

__all__ = ["Context", "Entry", "Output", "check_output", "run_entries"]

Fmt = Literal["png", "pdf", "svg"]


@dataclass
class Context:
    """One atlas run: where to write, in which format, the user's options and shared results."""

    out: Path
    fmt: Fmt = "png"
    estat: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)
    #: results of earlier entries (captions, inputs), read by record.json and index.html
    done: dict[str, Output] = field(default_factory=dict)
    #: per-entry wall times in seconds
    times: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    """What an entry wrote, and what it was made from (for record.json and index.html)."""

    paths: tuple[Path, ...]
    title: str
    caption: str = ""
    source: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    kind: Literal["figure", "table", "note", "web", "index"] = "figure"


@dataclass(frozen=True)
class Entry:
    """An atlas entry: its name, the files it writes (for a context) and the function."""

    name: str
    files: Callable[[Context], list[str]]
    run: Callable[[Context], Output]
    description: str


def check_output(out: str | os.PathLike[str], names: list[str], *, force: bool) -> Path:
    """Validate the output folder and the files about to be written; return the folder.

    Raises :class:`AtlasOutputError` for an empty path, a path that is a file, a folder that
    cannot be created or written, and files that exist already (unless ``force``).
    """
    text = os.fspath(out)
    if not str(text).strip():
        raise AtlasOutputError("--out is empty; name a folder, e.g. --out atlas")
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise AtlasOutputError(f"--out {text!r} is a file, not a folder; choose another path")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise AtlasOutputError(
            f"cannot create the output folder {text!r}: {err.strerror or err}"
        ) from err
    if not os.access(path, os.W_OK | os.X_OK):
        raise AtlasOutputError(f"cannot write to the output folder {text!r}; choose another path")
    existing = sorted(n for n in names if (path / n).exists())
    if existing and not force:
        shown = ", ".join(existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        )
        raise AtlasOutputError(
            f"{len(existing)} file(s) exist in {text!r} ({shown}); "
            "pass --force (force=True) to overwrite them, or choose another folder"
        )
    return path


def run_entries(
    entries: list[Entry], ctx: Context, progress: Callable[[str], None] | None
) -> list[Path]:
    """Run the entries in order, timing each; report ``[i/n] name  seconds  files``."""
    written: list[Path] = []
    start = time.perf_counter()
    for i, entry in enumerate(entries, start=1):
        t0 = time.perf_counter()
        result = entry.run(ctx)
        seconds = time.perf_counter() - t0
        ctx.done[entry.name] = result
        ctx.times[entry.name] = seconds
        written.extend(result.paths)
        if progress is not None:
            names = ", ".join(p.name for p in result.paths)
            progress(f"[{i:>2}/{len(entries)}] {entry.name:<22} {seconds:6.2f} s  {names}")
    if progress is not None:
        progress(f"atlas: {len(written)} files in {time.perf_counter() - start:.2f} s -> {ctx.out}")
    return written
