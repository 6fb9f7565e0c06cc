"""Classify a numeric Series into map classes, shared by static and web maps.

:func:`classify` wraps the mapclassify schemes behind one keyword-only call
and returns a frozen :class:`Classification` whose ``yb`` is aligned to the
input index, with ``-1`` for missing values. Both :mod:`jregion.plotting` and
:mod:`jregion.explore` colour their maps from it, so a static figure and a web
map of the same data agree class for class.

Choices that mapclassify leaves to the caller are made explicit here:

- More classes than distinct values raise :class:`ClassificationError`
  (mapclassify either fails or silently lowers ``k``).
- ``"fisher_jenks_sampled"`` draws its sample with a seeded generator
  (``seed``), so two runs give the same bins. When the data have at most
  1,000 values (47 prefectures, for instance), a sample would hold only a
  handful of values and mapclassify's own ``FisherJenksSampled`` fails; the
  exact Fisher-Jenks on all values costs no more than on a sample of 1,000,
  so it is used instead and ``Classification.scheme`` reports
  ``"fisher_jenks"``. ``"jenks_caspall_sampled"`` likewise falls back to
  ``"jenks_caspall"`` (mapclassify's version does not terminate at n=47).
- ``"pretty_breaks"`` treats ``k`` as a target; round bounds may give fewer
  classes (``Classification.k`` says how many).
- Random schemes (``"natural_breaks"``, ``"jenks_caspall_sampled"``,
  ``"max_p"``) run under ``seed`` without touching NumPy's global state.

Examples
--------
>>> import pandas as pd
>>> from jregion.classification import classify
>>> c = classify(pd.Series([1.0, 2.0, 3.0, None, 10.0]), scheme="equal_interval", k=3)
>>> c.bins
(4.0, 7.0, 10.0)
>>> c.yb.tolist()
[0, 0, 0, -1, 2]
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

import numpy as np
import pandas as pd

from jregion._optional import import_optional
from jregion.errors import (
    ClassificationError,
    MissingValueError,
    NonNumericError,
    PlotOptionError,
)

__all__ = [
    "DEFAULT_CMAP",
    "SCHEMES",
    "Classification",
    "ClassificationError",
    "NonNumericError",
    "Scheme",
    "class_colors",
    "classify",
]

Scheme = Literal[
    "quantiles",
    "equal_interval",
    "fisher_jenks",
    "fisher_jenks_sampled",
    "natural_breaks",
    "jenks_caspall",
    "jenks_caspall_forced",
    "jenks_caspall_sampled",
    "head_tail_breaks",
    "maximum_breaks",
    "pretty_breaks",
    "std_mean",
    "box_plot",
    "percentiles",
    "max_p",
    "user_defined",
]

#: Every scheme name :func:`classify` accepts, in documentation order.
SCHEMES: tuple[str, ...] = get_args(Scheme)

#: Schemes whose number of classes is set by the data, not by ``k``
#: (``"pretty_breaks"`` takes ``k`` as a target: round bounds may give fewer classes).
_NO_K = frozenset({"head_tail_breaks", "std_mean", "box_plot", "percentiles", "user_defined"})

#: Above this many values the sampled Fisher-Jenks really samples.
_SAMPLE_MAX = 1000


#: Default sequential colour map: ColorBrewer YlGnBu, safe for colour-blind
#: readers and monotonic in lightness, so it also survives grayscale printing.
DEFAULT_CMAP: Final = "YlGnBu"

def class_colors(n: int, *, cmap: str = DEFAULT_CMAP, grayscale: bool = False) -> list[str]:
    """Colours for ``n`` ordered classes, light to dark, for static and web maps alike.

    The colour map is sampled from 0.15 to 0.95, so the lightest class stays distinct
    from the white "no data" fill and the darkest from black outlines and labels.

    Parameters
    ----------
    n : int
        Number of classes.
    cmap : str, default "YlGnBu"
        A matplotlib colour map name. Ignored when ``grayscale`` is true.
    grayscale : bool, default False
        Use a gray ramp (light gray to near black) for black-and-white print.

    Returns
    -------
    list of str
        Hex colours.

    Examples
    --------
    >>> from jregion.classification import class_colors
    >>> class_colors(3, grayscale=True)
    ['#e0e0e0', '#8f8f8f', '#3d3d3d']
    """
    mpl = import_optional("matplotlib")
    colors = import_optional("matplotlib.colors")
    if grayscale:
        levels = np.linspace(0.88, 0.24, n) if n > 1 else np.array([0.56])
        return [colors.to_hex((v, v, v)) for v in levels]
    try:
        ramp = mpl.colormaps[cmap]
    except KeyError:
        raise PlotOptionError(
            f"unknown colour map {cmap!r}; use a matplotlib colour map name such as 'YlGnBu'"
        ) from None
    stops = np.linspace(0.15, 0.95, n) if n > 1 else np.array([0.6])
    return [colors.to_hex(ramp(s)) for s in stops]


@dataclass(frozen=True)
class Classification:
    """Map classes of a numeric Series.

    Attributes
    ----------
    bins : tuple of float
        Upper bound of each class, increasing. Class ``i`` holds the values
        ``v`` with ``bins[i-1] < v <= bins[i]``; class 0 holds every value up
        to ``bins[0]``.
    yb : pandas.Series
        Class index of each value (int), aligned to the input index, ``-1``
        where the value is missing.
    legend_labels : tuple of str
        One interval label per class, for example ``"1.0 – 4.0"``.
    counts : tuple of int
        Number of values in each class.
    n_missing : int
        Number of missing values (class ``-1``).
    scheme : str
        The scheme that produced ``bins`` (see the module notes for the
        sampled Fisher-Jenks).
    k : int
        Number of classes, ``len(bins)``.
    lower : float
        Smallest value (lower end of the first class label).
    """

    bins: tuple[float, ...]
    yb: pd.Series
    legend_labels: tuple[str, ...]
    counts: tuple[int, ...]
    n_missing: int
    scheme: str
    k: int
    lower: float

    def to_frame(self) -> pd.DataFrame:
        """One row per class: lower and upper bound, label and count.

        Returns
        -------
        pandas.DataFrame
            Index ``"class"`` (0..k-1); columns ``lower``, ``upper``,
            ``label``, ``count``.

        Examples
        --------
        >>> import pandas as pd
        >>> from jregion.classification import classify
        >>> classify(pd.Series([1, 2, 3, 4]), scheme="user_defined", bins=[2, 4]).to_frame()
               lower  upper label  count
        class
        0        1.0    2.0   1–2      2
        1        2.0    4.0   3–4      2
        """
        lowers = (self.lower, *self.bins[:-1])
        frame = pd.DataFrame(
            {
                "lower": np.asarray(lowers, dtype=float),
                "upper": np.asarray(self.bins, dtype=float),
                "label": list(self.legend_labels),
                "count": np.asarray(self.counts, dtype=int),
            }
        )
        frame.index.name = "class"
        return frame


@contextmanager
def _seeded_global(seed: int) -> Iterator[None]:
    """Seed NumPy's legacy global RNG for mapclassify, then restore its state."""
    state = np.random.get_state()  # noqa: NPY002 (mapclassify uses the global RNG)
    np.random.seed(seed)  # noqa: NPY002
    try:
        yield
    finally:
        np.random.set_state(state)  # noqa: NPY002


def _numeric(values: pd.Series | Sequence[float] | np.ndarray[Any, Any]) -> pd.Series:
    series = values.copy() if isinstance(values, pd.Series) else pd.Series(values)
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        name = f"column {series.name!r}" if series.name is not None else "the values"
        sample = series.dropna().head(3).tolist()
        raise NonNumericError(
            f"{name} has dtype {dtype} (e.g. {sample}), not numbers; convert it first, "
            "for example with pandas.to_numeric(..., errors='raise')"
        )
    out = series.astype("float64")
    if np.isinf(out.to_numpy()).any():
        raise ClassificationError(
            "values contain ±inf; replace them with NaN (shown as missing) or finite numbers"
        )
    return out


def _sampled_fisher_jenks(y: np.ndarray[Any, Any], k: int, seed: int) -> np.ndarray[Any, Any]:
    mc = import_optional("mapclassify")
    size = min(int(y.size * 0.1), _SAMPLE_MAX)
    rng = np.random.default_rng(seed)
    sample = y[rng.integers(0, y.size, size)]
    sample[0], sample[-1] = y.min(), y.max()
    if np.unique(sample).size < k:
        raise ClassificationError(
            f"the seeded sample of {size} values has fewer than k={k} distinct values; "
            "use scheme='fisher_jenks' or a smaller k"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Numba not installed"
        bins = np.asarray(mc.FisherJenks(sample, k=k).bins, dtype=float)
    bins[-1] = y.max()
    return bins


def _mapclassify_bins(
    y: np.ndarray[Any, Any], scheme: str, k: int, seed: int
) -> np.ndarray[Any, Any]:
    mc = import_optional("mapclassify")
    makers: dict[str, Callable[[], Any]] = {
        "quantiles": lambda: mc.Quantiles(y, k=k),
        "equal_interval": lambda: mc.EqualInterval(y, k=k),
        "fisher_jenks": lambda: mc.FisherJenks(y, k=k),
        "natural_breaks": lambda: mc.NaturalBreaks(y, k=k),
        "jenks_caspall": lambda: mc.JenksCaspall(y, k=k),
        "jenks_caspall_forced": lambda: mc.JenksCaspallForced(y, k=k),
        "jenks_caspall_sampled": lambda: mc.JenksCaspallSampled(y, k=k),
        "head_tail_breaks": lambda: mc.HeadTailBreaks(y),
        "maximum_breaks": lambda: mc.MaximumBreaks(y, k=k),
        "pretty_breaks": lambda: mc.PrettyBreaks(y, k=k),
        "std_mean": lambda: mc.StdMean(y),
        "box_plot": lambda: mc.BoxPlot(y),
        "percentiles": lambda: mc.Percentiles(y),
        "max_p": lambda: mc.MaxP(y, k=k, seed1=seed, seed2=seed + 1),
    }
    with warnings.catch_warnings():
        # mapclassify warns about numba and lowers k on ties; k is checked below.
        warnings.simplefilter("ignore", UserWarning)
        with _seeded_global(seed):
            return np.asarray(makers[scheme]().bins, dtype=float)


def _decimals(bounds: np.ndarray[Any, Any]) -> int:
    bounds = bounds[np.isfinite(bounds)]
    span = float(bounds.max() - bounds.min()) or 1.0
    for d in range(5):
        rounded = np.round(bounds, d)
        if np.unique(rounded).size == np.unique(bounds).size and np.all(
            np.abs(rounded - bounds) <= 0.005 * span
        ):
            return d
    return 4


def _integer_labels(lower: float, bins: np.ndarray[Any, Any]) -> tuple[str, ...]:
    """Labels for whole-number data and bounds: class i holds bins[i-1]+1 .. bins[i]."""
    labels = []
    for i, hi in enumerate(bins):
        lo = lower if i == 0 else bins[i - 1] + 1
        if np.isposinf(hi):
            labels.append(f"≥ {lo:,.0f}")
        elif lo >= hi:
            labels.append(f"{hi:,.0f}")
        else:
            labels.append(f"{lo:,.0f}–{hi:,.0f}")
    return tuple(labels)


def _labels(
    lower: float, bins: np.ndarray[Any, Any], fmt: str | None, integer: bool = False
) -> tuple[str, ...]:
    if fmt is None and integer:
        return _integer_labels(lower, bins)
    bounds = np.concatenate([[lower], bins])
    if fmt is None:
        fmt = f"{{:,.{_decimals(bounds)}f}}"
    # typographic minus, and a spaced en dash when a bound is negative ("−15.7 – −13.1")
    text = [fmt.format(b).replace("-", "\u2212") for b in bounds]
    dash = " – " if bool((bounds < 0).any()) else "–"
    labels = [f"{text[i]}{dash}{text[i + 1]}" for i in range(bins.size)]
    if np.isposinf(bins[-1]):
        labels[-1] = f"> {text[-2]}"
    return tuple(labels)


def classify(
    values: pd.Series | Sequence[float] | np.ndarray[Any, Any],
    *,
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: Sequence[float] | np.ndarray[Any, Any] | None = None,
    seed: int = 0,
    fmt: str | None = None,
) -> Classification:
    """Classify numeric values into map classes.

    Parameters
    ----------
    values : pandas.Series or array-like of float
        The values. NaN/None are missing and get class ``-1``.
    scheme : str, default "quantiles"
        One of :data:`SCHEMES` (snake-case names of the mapclassify
        classifiers). Ignored when ``bins`` is given. ``"head_tail_breaks"``,
        ``"std_mean"``, ``"box_plot"`` and ``"percentiles"`` set the number of
        classes themselves and ignore ``k``.
    k : int, default 5
        Number of classes.
    bins : sequence of float, optional
        User upper bounds, strictly increasing; the last must be at least the
        largest value (use ``numpy.inf`` for an open top class). Shared bins
        across panels come from here (``plot_choropleth(bins_from=...)``).
    seed : int, default 0
        Seed for the random schemes, so results are reproducible.
    fmt : str, optional
        Format for the bounds in ``legend_labels``, e.g. ``"{:,.0f}"``. By
        default the fewest decimals (0-4) that keep the bounds distinct; when
        every value and bound is a whole number (counts), each label gives the
        whole numbers its class holds: ``"0"``, ``"1–3"``, ``"4–10"``.

    Returns
    -------
    Classification
        Bins, class of each value aligned to the input index, labels, counts.

    Raises
    ------
    NonNumericError
        If the values are not numeric (strings, booleans, categories).
    MissingValueError
        If every value is missing.
    ClassificationError
        For an unknown scheme, ``k < 1``, more classes than distinct values,
        bins that are not increasing or leave values above the last bound,
        or infinite values.

    Examples
    --------
    >>> import jregion
    >>> import pandas as pd
    >>> from jregion.classification import classify
    >>> area = jregion.load_prefectures().to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    >>> c = classify(area, scheme="fisher_jenks_sampled", k=4)
    >>> c.scheme, c.k, sum(c.counts), int(c.yb["01"])
    ('fisher_jenks', 4, 47, 3)
    >>> classify(pd.Series([1, 1, 2]), k=3)
    Traceback (most recent call last):
    ...
    jregion.errors.ClassificationError: k=3 classes requested but the values have only 2 ...
    """
    series = _numeric(values)
    valid = series.notna().to_numpy()
    if not valid.any():
        raise MissingValueError(
            f"all {series.size} values are missing (NaN); nothing to classify. "
            "Check the column and the join that produced it"
        )
    y = series.to_numpy()[valid]
    n_unique = np.unique(y).size
    used: str = "user_defined" if bins is not None else scheme
    if bins is not None:
        try:
            edges = np.asarray(bins, dtype=float)
        except (TypeError, ValueError):
            raise ClassificationError(f"bins must be numbers, got {bins!r}") from None
        if np.isnan(edges).any():
            raise ClassificationError(
                f"bins hold NaN, {list(edges)}; every class bound must be a number "
                "(numpy.inf is allowed as the last bound)"
            )
        if edges.ndim != 1 or edges.size == 0 or np.any(np.diff(edges) <= 0):
            raise ClassificationError(f"bins must be a strictly increasing list, got {list(edges)}")
        above = int((y > edges[-1]).sum())
        if above:
            raise ClassificationError(
                f"{above} value(s) exceed the last bin bound {edges[-1]:g} (max {y.max():g}); "
                "add a larger bound or numpy.inf as the last bin"
            )
    else:
        if scheme not in SCHEMES or scheme == "user_defined":
            raise ClassificationError(
                f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES[:-1])}, "
                "or pass bins= for user-defined classes"
            )
        if scheme not in _NO_K:
            if not isinstance(k, int | np.integer) or k < 1:
                raise ClassificationError(f"k must be a positive integer, got {k!r}")
            if k > n_unique:
                raise ClassificationError(
                    f"k={k} classes requested but the values have only {n_unique} distinct "
                    f"values; use k={n_unique} or pass bins="
                )
        if scheme in ("fisher_jenks_sampled", "jenks_caspall_sampled") and y.size <= _SAMPLE_MAX:
            used = scheme.removesuffix("_sampled")
        if used == "fisher_jenks_sampled":
            edges = _sampled_fisher_jenks(y, int(k), seed)
        else:
            edges = _mapclassify_bins(y, used, int(k), seed)
        edges = np.unique(edges)
        if scheme not in _NO_K and scheme != "pretty_breaks" and edges.size < k:
            raise ClassificationError(
                f"scheme {scheme!r} found only {edges.size} distinct class bounds for k={k} "
                "(tied values); use a smaller k, another scheme, or bins="
            )
    yb_valid = np.searchsorted(edges, y, side="left")
    yb = np.full(series.size, -1, dtype=int)
    yb[valid] = yb_valid
    counts = np.bincount(yb_valid, minlength=edges.size)
    lower = float(y.min())
    finite = edges[np.isfinite(edges)]
    integer = bool(np.all(y == np.round(y)) and np.all(finite == np.round(finite)))
    return Classification(
        bins=tuple(float(b) for b in edges),
        yb=pd.Series(yb, index=series.index, name=series.name),
        legend_labels=_labels(min(lower, float(edges[0])), edges, fmt, integer),
        counts=tuple(int(c) for c in counts),
        n_missing=int((~valid).sum()),
        scheme=used,
        k=int(edges.size),
        lower=min(lower, float(edges[0])),
    )
