"""Bootstrap intervals for Gini, Theil and LQ: seeds, coverage of the estimate, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.concentration import InvalidDataError

RNG = np.random.default_rng(11)
DATA = pd.DataFrame(RNG.poisson(40, (30, 3)) * RNG.integers(1, 5, (30, 1)),
                    columns=["a", "b", "c"])
POP = pd.Series(RNG.uniform(1, 5, 30))


@pytest.mark.parametrize("index", ["gini", "theil"])
def test_bootstrap_seeded_and_brackets_estimate(index: str) -> None:
    r1 = jregion.bootstrap_inequality(DATA, index=index, n_boot=200, seed=42)  # type: ignore[arg-type]
    r2 = jregion.bootstrap_inequality(DATA, index=index, n_boot=200, seed=42)  # type: ignore[arg-type]
    np.testing.assert_array_equal(r1.replicates, r2.replicates)
    r3 = jregion.bootstrap_inequality(DATA, index=index, n_boot=200, seed=43)  # type: ignore[arg-type]
    assert not np.array_equal(r1.replicates, r3.replicates)
    func = jregion.gini if index == "gini" else jregion.theil
    pd.testing.assert_series_equal(r1.estimate, func(DATA).rename("estimate"))
    f = r1.to_frame()
    assert (f["lower"] <= f["estimate"]).all() and (f["estimate"] <= f["upper"]).all()
    assert (f["std_error"] > 0).all()
    assert r1.replicates.shape == (200, 3) and r1.seed == 42 and r1.index == index
    # a Generator works as a seed, too
    g = jregion.bootstrap_inequality(DATA, index=index, n_boot=50,  # type: ignore[arg-type]
                                     seed=np.random.default_rng(42))
    assert g.seed is None


def test_bootstrap_replicate_is_the_index_of_the_resample() -> None:
    # the first replicate equals the index computed on the same resample drawn by hand
    r = jregion.bootstrap_inequality(DATA["a"], index="gini", reference=POP, n_boot=1, seed=7)
    idx = np.random.default_rng(7).integers(0, 30, size=30)
    expected = jregion.gini(DATA["a"].iloc[idx].reset_index(drop=True),
                            reference=POP.iloc[idx].reset_index(drop=True))
    assert r.replicates[0, 0] == pytest.approx(expected, abs=1e-14)


def test_bootstrap_errors() -> None:
    with pytest.raises(InvalidDataError, match="'gini' or 'theil'"):
        jregion.bootstrap_inequality(DATA, index="hoover", seed=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="n_boot"):
        jregion.bootstrap_inequality(DATA, index="gini", n_boot=0, seed=1)
    with pytest.raises(InvalidDataError, match="level"):
        jregion.bootstrap_inequality(DATA, index="gini", level=95, seed=1)
    with pytest.raises(TypeError, match="seed"):
        jregion.bootstrap_inequality(DATA, index="gini", seed="x")  # type: ignore[arg-type]


def test_lq_interval() -> None:
    ci1 = jregion.lq_interval(DATA, n_sim=200, seed=5)
    ci2 = jregion.lq_interval(DATA, n_sim=200, seed=5)
    pd.testing.assert_frame_equal(ci1.to_frame(), ci2.to_frame())
    pd.testing.assert_frame_equal(ci1.estimate, jregion.location_quotient(DATA).astype(float))
    assert (ci1.lower.to_numpy() <= ci1.upper.to_numpy()).all()
    inside = (ci1.lower <= ci1.estimate) & (ci1.estimate <= ci1.upper)
    assert inside.to_numpy().mean() > 0.9
    f = ci1.to_frame()
    assert f.columns.tolist() == ["estimate", "lower", "upper"] and len(f) == 90
    # a unit's interval is wider where it has fewer counts (relative to its LQ)
    one = jregion.lq_interval(DATA[["a"]], reference=POP, n_sim=300, seed=1)
    width = (one.upper - one.lower)["a"] / one.estimate["a"]
    counts = DATA["a"]
    assert width[counts.idxmin()] > width[counts.idxmax()]
    with pytest.raises(InvalidDataError, match="whole numbers"):
        jregion.lq_interval(DATA * 0.5, n_sim=10, seed=1)
