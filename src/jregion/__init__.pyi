"""Type stub for jregion's public face: every public name is written here once.

``jregion/__init__.py`` reads this file with ``lazy_loader.attach_stub`` to import each
name on first use (so ``import jregion`` stays light), and type checkers read it as the
package's interface. To add a public name, add one ``from .module import name as name``
line to its group. The groups are the sections of the API reference.
"""


# Codes and regions (prefecture and municipal codes, region schemes, CRSs)
from .codes import (
    PREFECTURE_CODES as PREFECTURE_CODES,
    to_code as to_code,
    to_codes as to_codes,
    prefecture_table as prefecture_table,
)
from .municipal_codes import (
    to_municipal_code as to_municipal_code,
    to_municipal_codes as to_municipal_codes,
)
from .regions import (
    region_of as region_of,
    scheme_table as scheme_table,
    list_schemes as list_schemes,
)
from .crs import (
    EQUAL_AREA_CRS as EQUAL_AREA_CRS,
    MAP_CRS as MAP_CRS,
)

# Data (boundaries, indicators, sites, readers of user files, the manifest)
from .boundaries import (
    load_prefectures as load_prefectures,
    attribution as attribution,
)
from .regions import (
    load_regions as load_regions,
)
from .municipalities import (
    load_municipalities as load_municipalities,
    municipality_table as municipality_table,
    BOUNDARY_DATE as BOUNDARY_DATE,
)
from .indicators import (
    load_indicator as load_indicator,
    list_indicators as list_indicators,
)
from .jsic import (
    JSIC_MIDDLE_GROUPS as JSIC_MIDDLE_GROUPS,
    jsic_groups as jsic_groups,
    aggregate_jsic as aggregate_jsic,
)
from .sites import (
    load_sites as load_sites,
)
from .readers import (
    read_estat as read_estat,
    read_census_manufacture as read_census_manufacture,
    read_estat_mesh as read_estat_mesh,
)
from ._manifest import (
    list_datasets as list_datasets,
    dataset_info as dataset_info,
)

# Joins (tables to boundaries)
from .joins import (
    attach as attach,
)

# Concentration
from .concentration import (
    location_quotient as location_quotient,
    spatial_location_quotient as spatial_location_quotient,
    krugman_specialisation as krugman_specialisation,
    krugman_concentration as krugman_concentration,
    gini as gini,
    lorenz_curve as lorenz_curve,
    LorenzCurve as LorenzCurve,
    herfindahl as herfindahl,
    concentration_ratio as concentration_ratio,
    hoover as hoover,
    coefficient_of_variation as coefficient_of_variation,
    williamson as williamson,
    theil as theil,
    theil_decomposition as theil_decomposition,
    TheilDecomposition as TheilDecomposition,
    ellison_glaeser as ellison_glaeser,
    coagglomeration as coagglomeration,
    group_coagglomeration as group_coagglomeration,
    shift_share as shift_share,
    ShiftShare as ShiftShare,
    share_change as share_change,
    ShareChange as ShareChange,
    region_shares as region_shares,
    region_set_share as region_set_share,
    primacy_ratio as primacy_ratio,
    corridor_share as corridor_share,
    corridor_line as corridor_line,
    corridor_buffer as corridor_buffer,
    corridor_cities as corridor_cities,
    distance_profile as distance_profile,
    TOKAIDO_CITIES as TOKAIDO_CITIES,
    bootstrap_inequality as bootstrap_inequality,
    BootstrapResult as BootstrapResult,
    lq_interval as lq_interval,
    LQInterval as LQInterval,
)

# Spatial weights
from .weights import (
    build_weights as build_weights,
    prefecture_graph as prefecture_graph,
    SparseGraph as SparseGraph,
    GraphLike as GraphLike,
    as_graph as as_graph,
    japan_links as japan_links,
    FixedLink as FixedLink,
    connectivity_report as connectivity_report,
    ConnectivityReport as ConnectivityReport,
    check_connectivity as check_connectivity,
)

# Spatial autocorrelation
from .autocorrelation import (
    moran as moran,
    geary as geary,
    general_g as general_g,
    join_counts as join_counts,
    bivariate_moran as bivariate_moran,
    moran_rate as moran_rate,
    eb_standardise as eb_standardise,
    local_moran as local_moran,
    local_g as local_g,
    local_geary as local_geary,
    adjust_pvalues as adjust_pvalues,
    MoranResult as MoranResult,
    LocalMoranResult as LocalMoranResult,
    GearyResult as GearyResult,
    GeneralGResult as GeneralGResult,
    JoinCountResult as JoinCountResult,
    BivariateMoranResult as BivariateMoranResult,
    LocalGResult as LocalGResult,
    LocalGearyResult as LocalGearyResult,
)

# Regression
from .regression import (
    fit as fit,
    RegressionResult as RegressionResult,
    compare_models as compare_models,
    ModelComparison as ModelComparison,
)

# Publication maps
from .plotting import (
    plot_choropleth as plot_choropleth,
    plot_facets as plot_facets,
    plot_lisa as plot_lisa,
    plot_moran_scatter as plot_moran_scatter,
    plot_lorenz as plot_lorenz,
    plot_mesh as plot_mesh,
    save_figure as save_figure,
    PointLayer as PointLayer,
)
from .classification import (
    classify as classify,
    Classification as Classification,
)

# Web maps
from .explore import (
    explore_choropleth as explore_choropleth,
    explore_points as explore_points,
    explore_lisa as explore_lisa,
    save_html as save_html,
)

# Mesh and rasters (JIS X 0410 mesh, e-Stat mesh statistics, GeoTIFF, zonal statistics)
from .mesh import (
    to_mesh as to_mesh,
    mesh_level as mesh_level,
    mesh_bounds as mesh_bounds,
    mesh_centres as mesh_centres,
    mesh_parent as mesh_parent,
    mesh_children as mesh_children,
    mesh_polygons as mesh_polygons,
    mesh_neighbors as mesh_neighbors,
)
from .meshstats import (
    aggregate_mesh as aggregate_mesh,
    MeshAggregate as MeshAggregate,
    mesh_share as mesh_share,
)
from .raster import (
    mesh_to_raster as mesh_to_raster,
    zonal_stats as zonal_stats,
)

# Points at scale (assign and count millions of points, in memory or on dask)
from .points import (
    assign as assign,
    count_by as count_by,
)

# Errors and warnings
from .errors import (
    AmbiguousNameError as AmbiguousNameError,
    PointsOutsideWarning as PointsOutsideWarning,
    JRegionError as JRegionError,
    UnknownCodeError as UnknownCodeError,
    DuplicateKeyError as DuplicateKeyError,
    UnmatchedKeyError as UnmatchedKeyError,
    MissingValueError as MissingValueError,
    SchemeError as SchemeError,
    CRSError as CRSError,
    GeometryError as GeometryError,
    EncodingError as EncodingError,
    DataIntegrityError as DataIntegrityError,
    MissingDependencyError as MissingDependencyError,
    JRegionWarning as JRegionWarning,
    UnmatchedRowsWarning as UnmatchedRowsWarning,
    DisconnectedGraphWarning as DisconnectedGraphWarning,
    OptionError as OptionError,
    CoverageError as CoverageError,
    SkippedValuesWarning as SkippedValuesWarning,
    LayoutError as LayoutError,
    InvalidDataError as InvalidDataError,
    MeshCodeError as MeshCodeError,
    ClassificationError as ClassificationError,
    NonNumericError as NonNumericError,
    PlotOptionError as PlotOptionError,
    UnvendoredAssetError as UnvendoredAssetError,
    FormulaError as FormulaError,
    TooFewObservationsError as TooFewObservationsError,
    ConstantValueError as ConstantValueError,
)

__version__: str
