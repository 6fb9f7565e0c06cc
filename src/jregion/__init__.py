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

# --- foundation (issue 9) ---
from jregion._manifest import dataset_info, list_datasets
from jregion.boundaries import attribution, load_prefectures
from jregion.codes import PREFECTURE_CODES, prefecture_table, to_code, to_codes

# --- concentration (issue 4) ---
from jregion.concentration import (
    TOKAIDO_CITIES,
    BootstrapResult,
    InvalidDataError,
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
from jregion.crs import EQUAL_AREA_CRS, MAP_CRS
from jregion.errors import (
    CRSError,
    DataIntegrityError,
    DisconnectedGraphWarning,
    DuplicateKeyError,
    EncodingError,
    GeometryError,
    JRegionError,
    JRegionWarning,
    MissingDependencyError,
    MissingValueError,
    SchemeError,
    UnknownCodeError,
    UnmatchedKeyError,
    UnmatchedRowsWarning,
)

# --- plotting (issue 6) ---
from jregion.classify import Classification, ClassificationError, NonNumericError, classify
from jregion.plotting import (
    PlotOptionError,
    PointLayer,
    plot_choropleth,
    plot_facets,
    plot_lisa,
    plot_lorenz,
    plot_mesh,
    plot_moran_scatter,
    save_figure,
)

# --- explore (issue 7) ---
from jregion.explore import (
    UnvendoredAssetError,
    explore_choropleth,
    explore_lisa,
    explore_points,
    save_html,
)

# --- indicators and readers (issue 10) ---
from jregion.indicators import list_indicators, load_indicator
from jregion.joins import attach
from jregion.readers import LayoutError, read_census_manufacture, read_estat
from jregion.regions import list_schemes, load_regions, region_of, scheme_table

# --- weights, autocorrelation, regression (issue 5) ---
from jregion.autocorrelation import (
    BivariateMoranResult,
    ConstantValueError,
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
    general_g,
    geary,
    join_counts,
    local_g,
    local_geary,
    local_moran,
    moran,
    moran_rate,
)
from jregion.regression import (
    FormulaError,
    ModelComparison,
    RegressionResult,
    compare_models,
    fit,
)
from jregion.sites import load_sites
from jregion.weights import (
    ConnectivityReport,
    FixedLink,
    build_weights,
    check_connectivity,
    connectivity_report,
    japan_links,
)

__version__ = "0.1.0"

__all__ = [
    # foundation (issue 9)
    "EQUAL_AREA_CRS",
    "MAP_CRS",
    "PREFECTURE_CODES",
    "CRSError",
    "DataIntegrityError",
    "DisconnectedGraphWarning",
    "DuplicateKeyError",
    "EncodingError",
    "GeometryError",
    "JRegionError",
    "JRegionWarning",
    "MissingDependencyError",
    "MissingValueError",
    "SchemeError",
    "UnknownCodeError",
    "UnmatchedKeyError",
    "UnmatchedRowsWarning",
    "attach",
    "attribution",
    "dataset_info",
    "list_datasets",
    "list_schemes",
    "load_prefectures",
    "load_regions",
    "prefecture_table",
    "region_of",
    "scheme_table",
    "to_code",
    "to_codes",
    # indicators and readers (issue 10)
    "LayoutError",
    "list_indicators",
    "load_indicator",
    "load_sites",
    "read_census_manufacture",
    "read_estat",
    # concentration (issue 4)
    "TOKAIDO_CITIES",
    "BootstrapResult",
    "InvalidDataError",
    "LQInterval",
    "LorenzCurve",
    "ShareChange",
    "ShiftShare",
    "TheilDecomposition",
    "bootstrap_inequality",
    "coagglomeration",
    "coefficient_of_variation",
    "concentration_ratio",
    "corridor_buffer",
    "corridor_cities",
    "corridor_line",
    "corridor_share",
    "distance_profile",
    "ellison_glaeser",
    "gini",
    "group_coagglomeration",
    "herfindahl",
    "hoover",
    "krugman_concentration",
    "krugman_specialisation",
    "location_quotient",
    "lorenz_curve",
    "lq_interval",
    "primacy_ratio",
    "region_set_share",
    "region_shares",
    "share_change",
    "shift_share",
    "spatial_location_quotient",
    "theil",
    "theil_decomposition",
    "williamson",
    # weights, autocorrelation, regression (issue 5)
    "BivariateMoranResult",
    "ConstantValueError",
    "GearyResult",
    "GeneralGResult",
    "JoinCountResult",
    "LocalGResult",
    "LocalGearyResult",
    "LocalMoranResult",
    "MoranResult",
    "adjust_pvalues",
    "bivariate_moran",
    "eb_standardise",
    "general_g",
    "geary",
    "join_counts",
    "local_g",
    "local_geary",
    "local_moran",
    "moran",
    "moran_rate",
    "ConnectivityReport",
    "FixedLink",
    "FormulaError",
    "ModelComparison",
    "RegressionResult",
    "build_weights",
    "check_connectivity",
    "compare_models",
    "connectivity_report",
    "fit",
    "japan_links",
    # plotting (issue 6)
    "Classification",
    "ClassificationError",
    "NonNumericError",
    "PlotOptionError",
    "PointLayer",
    "classify",
    "plot_choropleth",
    "plot_facets",
    "plot_lisa",
    "plot_lorenz",
    "plot_mesh",
    "plot_moran_scatter",
    "save_figure",
    # explore (issue 7)
    "UnvendoredAssetError",
    "explore_choropleth",
    "explore_lisa",
    "explore_points",
    "save_html",
]
