"""Frozen result dataclasses of the autocorrelation statistics.

Names follow ``docs/design.md``: the plotting and folium layers code against
:class:`MoranResult` (``values``, ``lag``) and :class:`LocalMoranResult`
(``to_frame()`` with ``Ii, p_sim, quadrant, cluster``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from jregion._display import ResultDisplay

__all__ = [
    "BivariateMoranResult",
    "GearyResult",
    "GeneralGResult",
    "JoinCountResult",
    "LocalGResult",
    "LocalGearyResult",
    "LocalMoranResult",
    "MoranResult",
]

FloatArray = npt.NDArray[np.float64]


def _scatter(values: pd.Series, lag: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"values": values, "lag": lag}, index=values.index)


@dataclass(frozen=True, eq=False, repr=False)
class MoranResult(ResultDisplay):
    """Global Moran's I with inference under normality, randomisation and permutation.

    ``values`` is the standardised variable ``z = (y - mean) / sd`` (population sd) and
    ``lag`` its spatial lag ``Wz``, both aligned to the input index (the Moran scatterplot).
    ``p_sim`` is NaN when ``permutations == 0``. ``simulations`` holds the simulated I.
    """

    _display_frame = False  # the scatter (values, lag) is not worth a table

    I: float  # noqa: E741
    expected_I: float  # noqa: N815
    variance_I_norm: float  # noqa: N815
    variance_I_rand: float  # noqa: N815
    z_norm: float
    z_rand: float
    p_norm: float
    p_rand: float
    p_sim: float
    permutations: int
    seed: int | None
    values: pd.Series
    lag: pd.Series
    simulations: FloatArray = field(repr=False)
    alternative: str = "two-sided"
    transformation: str = "r"

    def summary(self) -> pd.Series:
        """Return the scalar results as a Series (I, expectation, variances, z, p)."""
        keys = ("I", "expected_I", "variance_I_norm", "variance_I_rand", "z_norm", "z_rand",
                "p_norm", "p_rand", "p_sim")
        return pd.Series({k: float(getattr(self, k)) for k in keys}, name="moran")

    def to_frame(self) -> pd.DataFrame:
        """Columns ``values`` and ``lag`` aligned to the input index."""
        return _scatter(self.values, self.lag)


@dataclass(frozen=True, eq=False, repr=False)
class BivariateMoranResult(ResultDisplay):
    """Bivariate Moran's I of ``x`` with the spatial lag of ``y`` (permutation inference).

    ``values`` is standardised ``x`` and ``lag`` the lag of standardised ``y``.
    """

    _display_frame = False  # the scatter (values, lag) is not worth a table

    I: float  # noqa: E741
    p_sim: float
    permutations: int
    seed: int | None
    values: pd.Series
    lag: pd.Series
    simulations: FloatArray = field(repr=False)
    alternative: str = "two-sided"
    transformation: str = "r"

    def summary(self) -> pd.Series:
        """Return the scalar results as a Series."""
        return pd.Series({"I": float(self.I), "p_sim": float(self.p_sim)}, name="moran_bv")

    def to_frame(self) -> pd.DataFrame:
        """Columns ``values`` and ``lag`` aligned to the input index."""
        return _scatter(self.values, self.lag)


@dataclass(frozen=True, eq=False, repr=False)
class GearyResult(ResultDisplay):
    """Global Geary's C with inference under normality, randomisation and permutation.

    ``z`` follows spdep: ``(1 - C) / sd``, positive for positive autocorrelation, so
    ``alternative="greater"`` tests positive autocorrelation.
    """

    _display_frame = False  # the scatter (values, lag) is not worth a table

    C: float
    expected_C: float  # noqa: N815
    variance_C_norm: float  # noqa: N815
    variance_C_rand: float  # noqa: N815
    z_norm: float
    z_rand: float
    p_norm: float
    p_rand: float
    p_sim: float
    permutations: int
    seed: int | None
    values: pd.Series
    lag: pd.Series
    simulations: FloatArray = field(repr=False)
    alternative: str = "two-sided"
    transformation: str = "r"

    def summary(self) -> pd.Series:
        """Return the scalar results as a Series."""
        keys = ("C", "expected_C", "variance_C_norm", "variance_C_rand", "z_norm", "z_rand",
                "p_norm", "p_rand", "p_sim")
        return pd.Series({k: float(getattr(self, k)) for k in keys}, name="geary")

    def to_frame(self) -> pd.DataFrame:
        """Columns ``values`` and ``lag`` aligned to the input index."""
        return _scatter(self.values, self.lag)


@dataclass(frozen=True, eq=False, repr=False)
class GeneralGResult(ResultDisplay):
    """Getis-Ord General G (spdep ``globalG.test``; inference under randomisation)."""

    _display_frame = False  # the scatter (values, lag) is not worth a table

    G: float
    expected_G: float  # noqa: N815
    variance_G: float  # noqa: N815
    z: float
    p_norm: float
    p_sim: float
    permutations: int
    seed: int | None
    values: pd.Series
    lag: pd.Series
    simulations: FloatArray = field(repr=False)
    alternative: str = "two-sided"
    transformation: str = "b"

    def summary(self) -> pd.Series:
        """Return the scalar results as a Series."""
        keys = ("G", "expected_G", "variance_G", "z", "p_norm", "p_sim")
        return pd.Series({k: float(getattr(self, k)) for k in keys}, name="general_g")

    def to_frame(self) -> pd.DataFrame:
        """Columns ``values`` (the variable) and ``lag`` aligned to the input index."""
        return _scatter(self.values, self.lag)


@dataclass(frozen=True, eq=False, repr=False)
class JoinCountResult(ResultDisplay):
    """Same-category join counts per category (spdep ``joincount.test``, non-free sampling).

    ``table`` has one row per category: ``joins`` (half the weighted same-category links,
    as spdep), ``expected``, ``variance``, ``z``, ``p_norm``, ``p_sim``.
    """

    table: pd.DataFrame
    permutations: int
    seed: int | None
    values: pd.Series
    simulations: FloatArray = field(repr=False)
    alternative: str = "two-sided"
    transformation: str = "b"

    def to_frame(self) -> pd.DataFrame:
        """Return the per-category table (index: category)."""
        return self.table.copy()


def _local_frame(index: pd.Index, columns: dict[str, pd.Series]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=index)


@dataclass(frozen=True, eq=False, repr=False)
class LocalMoranResult(ResultDisplay):
    """Local Moran's I (LISA) with quadrants and cluster labels.

    ``cluster`` is the quadrant where ``p_adjusted <= alpha`` and "Not significant"
    elsewhere, a Categorical with categories
    ``jregion.autocorrelation._labels.LISA_LABELS`` in order.
    ``expected_Ii``, ``variance_Ii``, ``z_Ii`` and ``p_norm`` are spdep's conditional
    analytical moments; ``p_sim`` comes from conditional permutation.
    """

    Ii: pd.Series
    expected_Ii: pd.Series  # noqa: N815
    variance_Ii: pd.Series  # noqa: N815
    z_Ii: pd.Series  # noqa: N815
    p_norm: pd.Series
    p_sim: pd.Series
    p_adjusted: pd.Series
    quadrant: pd.Series
    cluster: pd.Series
    values: pd.Series
    lag: pd.Series
    alpha: float
    adjust: str
    alternative: str
    permutations: int
    seed: int | None
    mlvar: bool
    transformation: str = "r"

    def to_frame(self) -> pd.DataFrame:
        """Return the per-unit results indexed like the input.

        Columns ``Ii, expected_Ii, variance_Ii, z_Ii, p_norm, p_sim, p_adjusted, quadrant,
        cluster``.
        """
        return _local_frame(self.Ii.index, {
            "Ii": self.Ii, "expected_Ii": self.expected_Ii, "variance_Ii": self.variance_Ii,
            "z_Ii": self.z_Ii, "p_norm": self.p_norm, "p_sim": self.p_sim,
            "p_adjusted": self.p_adjusted, "quadrant": self.quadrant, "cluster": self.cluster,
        })


@dataclass(frozen=True, eq=False, repr=False)
class LocalGResult(ResultDisplay):
    """Getis-Ord Gi or Gi* with spdep's moments and conditional-permutation p-values.

    ``hotspot`` is "Hot spot" (z > 0) or "Cold spot" (z < 0) where ``p_adjusted <= alpha``
    and "Not significant" elsewhere (a Categorical in that order).
    """

    G: pd.Series
    expected_G: pd.Series  # noqa: N815
    variance_G: pd.Series  # noqa: N815
    z: pd.Series
    p_norm: pd.Series
    p_sim: pd.Series
    p_adjusted: pd.Series
    hotspot: pd.Series
    star: bool
    alpha: float
    adjust: str
    alternative: str
    permutations: int
    seed: int | None
    transformation: str = "b"

    def to_frame(self) -> pd.DataFrame:
        """Columns ``G, expected_G, variance_G, z, p_norm, p_sim, p_adjusted, hotspot``."""
        return _local_frame(self.G.index, {
            "G": self.G, "expected_G": self.expected_G, "variance_G": self.variance_G,
            "z": self.z, "p_norm": self.p_norm, "p_sim": self.p_sim,
            "p_adjusted": self.p_adjusted, "hotspot": self.hotspot,
        })


@dataclass(frozen=True, eq=False, repr=False)
class LocalGearyResult(ResultDisplay):
    """Local Geary's C (spdep ``localC`` on the scaled variable), permutation p-values.

    Small ``C`` means a unit resembles its neighbours (positive local autocorrelation).
    """

    C: pd.Series
    p_sim: pd.Series
    p_adjusted: pd.Series
    alpha: float
    adjust: str
    alternative: str
    permutations: int
    seed: int | None
    transformation: str = "r"

    def to_frame(self) -> pd.DataFrame:
        """Columns ``C, p_sim, p_adjusted`` indexed like the input."""
        return _local_frame(self.C.index, {
            "C": self.C, "p_sim": self.p_sim, "p_adjusted": self.p_adjusted,
        })
