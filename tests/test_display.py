"""Short reprs and notebook HTML of every result type (src/jregion/_display.py)."""

from __future__ import annotations

import dataclasses
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import jregion
from jregion.regression import compare_models, fit


@pytest.fixture(scope="module")
def values(prefs: gpd.GeoDataFrame) -> pd.Series:
    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")
    return (m[2019] / m[2000] - 1).rename("change")


@pytest.fixture(scope="module")
def results(prefs: gpd.GeoDataFrame, values: pd.Series) -> dict[str, object]:
    g = jregion.prefecture_graph()
    m = jregion.load_indicator("manufacturing")["persons_employed"].unstack("year")
    two = pd.DataFrame({"a": m[2000], "b": m[2019]})
    ind = pd.DataFrame({"x": m[2000] * 0.6, "y": m[2000] * 0.4})
    ind_end = pd.DataFrame({"x": m[2019] * 0.5, "y": m[2019] * 0.5})
    df = prefs.assign(change=values, lat=prefs.representative_point().y)
    ols = fit("change ~ lat", df, weights=g)
    return {
        "MoranResult": jregion.moran(values, g, permutations=0),
        "GearyResult": jregion.geary(values, g, permutations=0),
        "GeneralGResult": jregion.general_g(m[2019], g, permutations=0),
        "BivariateMoranResult": jregion.bivariate_moran(values, m[2000], g, permutations=0),
        "JoinCountResult": jregion.join_counts(values > 0, g, permutations=0),
        "LocalMoranResult": jregion.local_moran(values, g, permutations=99, seed=1),
        "LocalGResult": jregion.local_g(m[2019], g, permutations=99, seed=1),
        "LocalGearyResult": jregion.local_geary(values, g, permutations=99, seed=1),
        "TheilDecomposition": jregion.theil_decomposition(two, groups="eight"),
        "ShiftShare": jregion.shift_share(ind, ind_end),
        "LorenzCurve": jregion.lorenz_curve(m[2019]),
        "RegressionResult": ols,
        "ModelComparison": compare_models([ols]),
    }


NAMES = ["MoranResult", "GearyResult", "GeneralGResult", "BivariateMoranResult",
         "JoinCountResult", "LocalMoranResult", "LocalGResult", "LocalGearyResult",
         "TheilDecomposition", "ShiftShare", "LorenzCurve", "RegressionResult",
         "ModelComparison"]


@pytest.mark.parametrize("name", NAMES)
def test_repr_is_one_short_line(name: str, results: dict[str, object]) -> None:
    obj = results[name]
    assert type(obj).__name__ == name
    text = repr(obj)
    assert "\n" not in text
    assert text.startswith(name + "(")
    assert len(text) < 700
    # no 47-row Series is spelled out: at most a shape
    assert not re.search(r"\b\d{2}\s+-?\d+\.\d+\s*\n", text)


@pytest.mark.parametrize("name", NAMES)
def test_html_is_a_table(name: str, results: dict[str, object]) -> None:
    page = results[name]._repr_html_()  # type: ignore[attr-defined]
    assert page.count("<table") >= 1 and page.count("<table") == page.count("</table>")
    assert len(page) < 60_000


def test_repr_shows_scalars_and_shapes(results: dict[str, object]) -> None:
    mi = results["MoranResult"]
    text = repr(mi)
    assert f"I={mi.I:.4g}" in text  # type: ignore[attr-defined]
    assert "values=<Series: 47>" in text and "simulations" not in text
    lisa = results["LocalMoranResult"]
    assert "Is=<Series: 47>" in repr(lisa) or "<Series: 47>" in repr(lisa)
    # LISA HTML shows its table, cut to 20 rows (pandas elides the middle with "...")
    page = lisa._repr_html_()  # type: ignore[attr-defined]
    assert "<td>...</td>" in page or "..." in page
    # global Moran HTML: the scalars, no 47-row scatter
    page = mi._repr_html_()  # type: ignore[attr-defined]
    assert "<th style='text-align:left'>I</th>" in page and "lag" not in page.split("</table>")[-2]


def test_regression_repr_and_html(results: dict[str, object]) -> None:
    ols = results["RegressionResult"]
    assert repr(ols) == ("RegressionResult(OLS: 'change ~ lat', n=47, k=2, weights=r, "
                         "covariance='classical')")
    page = ols._repr_html_()  # type: ignore[attr-defined]
    assert "row-standardised (r)" in page and "LM error" in page and "lat" in page
    assert "Moran&#x27;s I (residuals)" in page or "Moran's I (residuals)" in page
    cmp_html = results["ModelComparison"]._repr_html_()  # type: ignore[attr-defined]
    assert "<th style='text-align:left'>LM error</th>" in cmp_html


def test_display_format_values() -> None:
    from jregion._display import format_value

    assert format_value(pd.Series(np.arange(47.0))) == "<Series: 47>"
    assert format_value(pd.DataFrame(np.zeros((3, 2)))) == "<DataFrame: 3 x 2>"
    assert format_value(np.zeros((4, 5))) == "<ndarray: 4 x 5>"
    assert format_value(0.123456789) == "0.1235"
    assert format_value(float("nan")) == "nan"
    assert format_value(7) == "7"
    assert format_value("x" * 50) == repr("x" * 37 + "...")
    assert format_value(tuple(range(10))) == "<tuple: 10>"


def test_every_result_dataclass_uses_the_helper() -> None:
    from jregion._display import ResultDisplay

    for name in NAMES:
        cls = getattr(jregion, name)
        assert issubclass(cls, ResultDisplay), name
        if dataclasses.is_dataclass(cls) and name not in ("RegressionResult",
                                                          "ModelComparison"):
            assert cls.__repr__ is ResultDisplay.__repr__, name
    for cls in (jregion.BootstrapResult, jregion.LQInterval, jregion.ShareChange):
        assert cls.__repr__ is ResultDisplay.__repr__
