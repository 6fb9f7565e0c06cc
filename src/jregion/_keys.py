"""One row per key: the duplicate-key check that jregion's functions share.

Layer 1 (data and codes), beside :mod:`jregion.errors`, so that every layer can import it. A
caller passes the labels that must be unique (an index, columns, or codes it derived from them),
what it calls them and the fix that suits it; the message names every repeated label and where
the first one occurs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from jregion.errors import DuplicateKeyError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["check_unique", "show_labels"]


def show_labels(labels: Sequence[object] | pd.Index, limit: int = 5) -> str:
    """Return the first ``limit`` labels as reprs, with how many more there are.

    Examples
    --------
    >>> from jregion._keys import show_labels
    >>> show_labels(["01", "02", "03"], limit=2)
    "'01', '02' and 1 more"
    """
    items = list(labels)
    shown = ", ".join(repr(x) for x in items[:limit])
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return shown + more


def check_unique(
    labels: pd.Index,
    *,
    what: str,
    fix: str,
    kind: str = "index keys",
    lines: np.ndarray | None = None,
) -> None:
    """Raise :class:`~jregion.errors.DuplicateKeyError` if ``labels`` repeats a label.

    Parameters
    ----------
    labels : pandas.Index
        The keys that must be unique (an index, the columns, or codes derived from them).
    what : str
        What holds them, as the caller's user knows it (``"data"``, ``"the zones' index"``).
    fix : str
        What to do, e.g. ``"aggregate them first (e.g. data.groupby(level=0).sum())"``.
    kind : str, default "index keys"
        What the labels are (``"column labels"``, ``"mesh codes"``).
    lines : numpy.ndarray, optional
        The line of a file each label was read from; the message then gives the lines of the
        first repeated label instead of how often it occurs.

    Raises
    ------
    DuplicateKeyError
        ``"{what} has duplicated {kind} {labels} ({first} occurs twice); {fix}"``.

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion._keys import check_unique
    >>> check_unique(pd.Index(["01", "02"]), what="data", fix="aggregate them first")
    >>> check_unique(pd.Index(["01", "02", "01"]), what="data", fix="aggregate them first")
    Traceback (most recent call last):
    ...
    jregion.errors.DuplicateKeyError: data has duplicated index keys '01' ('01' occurs twice); ...
    """
    if not labels.has_duplicates:
        return
    repeated = labels[labels.duplicated(keep=False)].unique()  # in order of first occurrence
    first = repeated.tolist()[0]
    at = labels.get_indexer_for(repeated[:1])
    if lines is not None:
        where = "on lines " + ", ".join(str(int(line)) for line in lines[at])
    else:
        where = "twice" if len(at) == 2 else f"{len(at)} times"
    raise DuplicateKeyError(
        f"{what} has duplicated {kind} {show_labels(repeated.tolist())} ({first!r} occurs "
        f"{where}); {fix}"
    )
