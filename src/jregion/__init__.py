"""jregion: the economic geography of Japan's regions, typed and sourced.

Codes and boundaries (:func:`to_code`, :func:`load_prefectures`,
:func:`load_regions`), strict joins (:func:`attach`), sourced indicators,
concentration indices, spatial weights and autocorrelation, and maps.

Everything is offline: data ship inside the package and are described by one
manifest (:func:`list_datasets`, :func:`dataset_info`).

Examples
--------
>>> import jregion
>>> prefs = jregion.load_prefectures()
>>> len(prefs), prefs.index[0], prefs.crs.to_string()
(47, '01', 'EPSG:4326')
>>> jregion.to_code("Hyōgo-ken")
'28'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jregion._manifest import (
        dataset_info,
        list_datasets,
    )
    from jregion.autocorrelation import (
        BivariateMoranResult,
        GearyResult,
        GeneralGResult,
        JoinCountResult,
        LocalGearyResult,
        LocalGResult,
        LocalMoranResult,
        MoranResult,
        adjust_pvalues,
        bivariate_moran,
        eb_standardise,
        geary,
        general_g,
        join_counts,
        local_g,
        local_geary,
        local_moran,
        moran,
        moran_rate,
    )
    from jregion.boundaries import (
        attribution,
        load_prefectures,
    )
    from jregion.classification import (
        Classification,
        classify,
    )
    from jregion.codes import (
        PREFECTURE_CODES,
        prefecture_table,
        to_code,
        to_codes,
    )
    from jregion.concentration import (
        TOKAIDO_CITIES,
        BootstrapResult,
        LorenzCurve,
        LQInterval,
        ShareChange,
        ShiftShare,
        TheilDecomposition,
        bootstrap_inequality,
        coagglomeration,
        coefficient_of_variation,
        concentration_ratio,
        corridor_buffer,
        corridor_cities,
        corridor_line,
        corridor_share,
        distance_profile,
        ellison_glaeser,
        gini,
        group_coagglomeration,
        herfindahl,
        hoover,
        krugman_concentration,
        krugman_specialisation,
        location_quotient,
        lorenz_curve,
        lq_interval,
        primacy_ratio,
        region_set_share,
        region_shares,
        share_change,
        shift_share,
        spatial_location_quotient,
        theil,
        theil_decomposition,
        williamson,
    )
    from jregion.crs import (
        EQUAL_AREA_CRS,
        MAP_CRS,
    )
    from jregion.errors import (
        ClassificationError,
        ConstantValueError,
        CRSError,
        DataIntegrityError,
        DisconnectedGraphWarning,
        DuplicateKeyError,
        EncodingError,
        FormulaError,
        GeometryError,
        InvalidDataError,
        JRegionError,
        JRegionWarning,
        LayoutError,
        MissingDependencyError,
        MissingValueError,
        NonNumericError,
        PlotOptionError,
        SchemeError,
        UnknownCodeError,
        UnmatchedKeyError,
        UnmatchedRowsWarning,
        UnvendoredAssetError,
    )
    from jregion.explore import (
        explore_choropleth,
        explore_lisa,
        explore_points,
        save_html,
    )
    from jregion.indicators import (
        list_indicators,
        load_indicator,
    )
    from jregion.joins import (
        attach,
    )
    from jregion.jsic import (
        JSIC_MIDDLE_GROUPS,
        aggregate_jsic,
        jsic_groups,
    )
    from jregion.plotting import (
        PointLayer,
        plot_choropleth,
        plot_facets,
        plot_lisa,
        plot_lorenz,
        plot_mesh,
        plot_moran_scatter,
        save_figure,
    )
    from jregion.readers import (
        read_census_manufacture,
        read_estat,
    )
    from jregion.regions import (
        list_schemes,
        load_regions,
        region_of,
        scheme_table,
    )
    from jregion.regression import (
        ModelComparison,
        RegressionResult,
        compare_models,
        fit,
    )
    from jregion.sites import (
        load_sites,
    )
    from jregion.weights import (
        ConnectivityReport,
        FixedLink,
        SparseGraph,
        build_weights,
        check_connectivity,
        connectivity_report,
        japan_links,
        prefecture_graph,
    )


__version__ = "0.1.0"

# Grouped by topic, in the order of docs/api.md (a test checks the two agree).
__all__ = [
    # Foundation (codes, boundaries, regions, joins, manifest)
    "PREFECTURE_CODES",
    "EQUAL_AREA_CRS",
    "MAP_CRS",
    "to_code",
    "to_codes",
    "prefecture_table",
    "region_of",
    "scheme_table",
    "list_schemes",
    "load_prefectures",
    "load_regions",
    "attach",
    "attribution",
    "list_datasets",
    "dataset_info",
    # Errors and warnings
    "JRegionError",
    "UnknownCodeError",
    "DuplicateKeyError",
    "UnmatchedKeyError",
    "MissingValueError",
    "SchemeError",
    "CRSError",
    "GeometryError",
    "EncodingError",
    "DataIntegrityError",
    "MissingDependencyError",
    "JRegionWarning",
    "UnmatchedRowsWarning",
    "DisconnectedGraphWarning",
    # Indicators, sites and readers (issue 10)
    "load_indicator",
    "list_indicators",
    "JSIC_MIDDLE_GROUPS",
    "jsic_groups",
    "aggregate_jsic",
    "load_sites",
    "read_estat",
    "read_census_manufacture",
    "LayoutError",
    # Concentration (issue 4)
    "location_quotient",
    "spatial_location_quotient",
    "krugman_specialisation",
    "krugman_concentration",
    "gini",
    "lorenz_curve",
    "LorenzCurve",
    "herfindahl",
    "concentration_ratio",
    "hoover",
    "coefficient_of_variation",
    "williamson",
    "theil",
    "theil_decomposition",
    "TheilDecomposition",
    "ellison_glaeser",
    "coagglomeration",
    "group_coagglomeration",
    "shift_share",
    "ShiftShare",
    "share_change",
    "ShareChange",
    "region_shares",
    "region_set_share",
    "primacy_ratio",
    "corridor_share",
    "corridor_line",
    "corridor_buffer",
    "corridor_cities",
    "distance_profile",
    "TOKAIDO_CITIES",
    "bootstrap_inequality",
    "BootstrapResult",
    "lq_interval",
    "LQInterval",
    "InvalidDataError",
    # Publication maps (issue 6)
    "plot_choropleth",
    "plot_facets",
    "plot_lisa",
    "plot_moran_scatter",
    "plot_lorenz",
    "plot_mesh",
    "save_figure",
    "PointLayer",
    "classify",
    "Classification",
    "ClassificationError",
    "NonNumericError",
    "PlotOptionError",
    # Interactive maps (issue 7)
    "explore_choropleth",
    "explore_points",
    "explore_lisa",
    "save_html",
    "UnvendoredAssetError",
    # Spatial weights and regression (issue 5)
    "build_weights",
    "prefecture_graph",
    "SparseGraph",
    "japan_links",
    "FixedLink",
    "connectivity_report",
    "ConnectivityReport",
    "check_connectivity",
    "fit",
    "RegressionResult",
    "compare_models",
    "ModelComparison",
    "FormulaError",
    # Spatial autocorrelation (issue 5)
    "moran",
    "geary",
    "general_g",
    "join_counts",
    "bivariate_moran",
    "moran_rate",
    "eb_standardise",
    "local_moran",
    "local_g",
    "local_geary",
    "adjust_pvalues",
    "MoranResult",
    "LocalMoranResult",
    "GearyResult",
    "GeneralGResult",
    "JoinCountResult",
    "BivariateMoranResult",
    "LocalGResult",
    "LocalGearyResult",
    "ConstantValueError",
]

# Attributes are imported on first use (PEP 562), so `import jregion` does not pull in pandas,
# geopandas, libpysal or matplotlib. The names above (for type checkers) and this map must
# agree; tests/test_package.py checks it.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "jregion._manifest": ("dataset_info", "list_datasets"),
    "jregion.autocorrelation": (
        "BivariateMoranResult", "GearyResult", "GeneralGResult", "JoinCountResult",
        "LocalGearyResult", "LocalGResult", "LocalMoranResult", "MoranResult", "adjust_pvalues",
        "bivariate_moran", "eb_standardise", "geary", "general_g", "join_counts", "local_g",
        "local_geary", "local_moran", "moran", "moran_rate",
    ),
    "jregion.boundaries": ("attribution", "load_prefectures"),
    "jregion.classification": ("Classification", "classify"),
    "jregion.codes": ("PREFECTURE_CODES", "prefecture_table", "to_code", "to_codes"),
    "jregion.concentration": (
        "TOKAIDO_CITIES", "BootstrapResult", "LorenzCurve", "LQInterval", "ShareChange",
        "ShiftShare", "TheilDecomposition", "bootstrap_inequality", "coagglomeration",
        "coefficient_of_variation", "concentration_ratio", "corridor_buffer", "corridor_cities",
        "corridor_line", "corridor_share", "distance_profile", "ellison_glaeser", "gini",
        "group_coagglomeration", "herfindahl", "hoover", "krugman_concentration",
        "krugman_specialisation", "location_quotient", "lorenz_curve", "lq_interval",
        "primacy_ratio", "region_set_share", "region_shares", "share_change", "shift_share",
        "spatial_location_quotient", "theil", "theil_decomposition", "williamson",
    ),
    "jregion.crs": ("EQUAL_AREA_CRS", "MAP_CRS"),
    "jregion.errors": (
        "ClassificationError", "ConstantValueError", "CRSError", "DataIntegrityError",
        "DisconnectedGraphWarning", "DuplicateKeyError", "EncodingError", "FormulaError",
        "GeometryError", "InvalidDataError", "JRegionError", "JRegionWarning", "LayoutError",
        "MissingDependencyError", "MissingValueError", "NonNumericError", "PlotOptionError",
        "SchemeError", "UnknownCodeError", "UnmatchedKeyError", "UnmatchedRowsWarning",
        "UnvendoredAssetError",
    ),
    "jregion.explore": ("explore_choropleth", "explore_lisa", "explore_points", "save_html"),
    "jregion.indicators": ("list_indicators", "load_indicator"),
    "jregion.joins": ("attach",),
    "jregion.jsic": ("JSIC_MIDDLE_GROUPS", "aggregate_jsic", "jsic_groups"),
    "jregion.plotting": (
        "PointLayer", "plot_choropleth", "plot_facets", "plot_lisa", "plot_lorenz", "plot_mesh",
        "plot_moran_scatter", "save_figure",
    ),
    "jregion.readers": ("read_census_manufacture", "read_estat"),
    "jregion.regions": ("list_schemes", "load_regions", "region_of", "scheme_table"),
    "jregion.regression": ("ModelComparison", "RegressionResult", "compare_models", "fit"),
    "jregion.sites": ("load_sites",),
    "jregion.weights": (
        "ConnectivityReport", "FixedLink", "SparseGraph", "build_weights", "check_connectivity",
        "connectivity_report", "japan_links", "prefecture_graph",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
#: Subpackages reachable as attributes after ``import jregion`` (``jregion.weights.FixedLink``).
_SUBMODULES = frozenset(m.removeprefix("jregion.") for m in _EXPORTS) | {"atlas", "cli"}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"jregion.{name}")
    else:
        raise AttributeError(f"module 'jregion' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
