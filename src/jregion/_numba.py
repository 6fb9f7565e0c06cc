"""numba in one place: the kernels' decorator, and their first load with the collector paused.

numba is optional (``pip install "jregion[fast]"``); without it :func:`jit` gives None and
every caller takes its numpy path.

A kernel's first call in a process loads it from numba's on-disk cache, and that load builds
numba's typing and target registries: tens of thousands of Python objects. With Python's
cyclic garbage collector running, they set off full collections over everything the process
already holds (a process with pandas, scipy and libpysal loaded holds about 250,000
objects). Loading the three permutation kernels after those imports took 0.26-0.30 s with
the collector and 0.135-0.14 s without it (2026-12-06, fresh processes on the 2-core VM).
Callers make a kernel's first call inside :func:`gc_paused`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["gc_paused", "jit", "loading"]


def jit(*functions: Callable[..., Any]) -> tuple[Any, ...] | None:
    """Compile ``functions`` with numba (no GIL, cached on disk), or None without numba.

    Examples
    --------
    >>> import numpy as np
    >>> from jregion._numba import jit
    >>> from jregion.autocorrelation._compiled import _swap
    >>> kernels = jit(_swap)  # None without numba
    >>> swap = kernels[0] if kernels else _swap
    >>> buf = np.array([1.0, 2.0, 3.0])
    >>> swap(buf, np.array([0, 0, 1]))  # Fisher-Yates swaps 2 <-> 1, then 1 <-> 0
    >>> buf.tolist()
    [3.0, 1.0, 2.0]
    """
    from jregion._optional import import_optional
    from jregion.errors import MissingDependencyError

    try:
        numba = import_optional("numba")
    except MissingDependencyError:
        return None
    compile_ = numba.njit(nogil=True, cache=True)
    return tuple(compile_(f) for f in functions)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore its previous state.

    Nothing is lost: objects that become garbage in the block are collected at the next
    collection after it. A collector that the caller had disabled stays disabled. The
    collector is one per process, so the pause holds for every thread while the block runs
    (keep blocks short: a kernel's first load); a thread that disables the collector during
    the block finds it enabled again after it.

    Examples
    --------
    >>> import gc
    >>> from jregion._numba import gc_paused
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def loading(kernel: Any) -> contextlib.AbstractContextManager[None]:
    """:func:`gc_paused` if ``kernel`` has nothing loaded yet (its first call), else nothing.

    Examples
    --------
    >>> import contextlib
    >>> from jregion._numba import loading
    >>> class Loaded:
    ...     signatures = ["(float64,)"]
    >>> isinstance(loading(Loaded()), contextlib.nullcontext)
    True
    """
    return contextlib.nullcontext() if kernel.signatures else gc_paused()
