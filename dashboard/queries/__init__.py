"""Every SQL statement the dashboard runs, with parameters only, one module per page. Pages call these; they
never write SQL. This package's top level re-exports each page module's functions, so ``queries.trend(...)``
reads the same from any page.

Sources: the views ``figures_current`` and ``documents_current`` (corrections
applied), plus ``texts``, ``metrics`` and ``regions``, and the summary tables made
from them at build time (etl/after/summaries.py: ``doc_summary``, ``doc_metric_summary``,
``region_value_summary`` (rule 2's choice per region, for filters that keep or drop whole groups),
``target_summary``, ``corrections_summary``, ``search_vocab``, ``search_docs``, ``search_postings``). On
a database built without them the same SQL runs inline (``_summary``): same
results, only slower.

Aggregation rule (how many figures become one number) — never a part added to its whole
-----------------------------------------------------------------------------------
1. A document's value of a metric is ONE of its figures (etl/extract/values.py: a table cell before prose, a
   stated total before a plain figure before a running total, for counts the larger, for rates the
   first). The document's other figures of the metric support it and are shown, never added.
2. A region's value in a year is its own report's (``core.region_values``): the government report at the
   region's own level; where there is none, a department report of the region (司法局, a court).
   Several such reports: one is taken (table-sourced first, then the larger value), never added.
   A town's or a county's report is never part of its city's value, a department's never part of its
   government's.
3. Where a region has no report of its own, its value is the sum of its sub-regions' own values, and
   only when every sub-region reported (counts only), labelled 下级合计 k/k. ``source`` always says
   which: 本级报告 / 部门报告 / 下级合计.
   Sums across regions (a level's total on the overview and the brief) add the regions of one level
   only, each region once, and say how many regions they cover.
3a. Level, region, year, type and synthetic filters apply to documents.
   ``is_synthetic`` documents are left out unless ``Filters.synthetic``.
4. Qualifiers combine: all exact -> exact; exact with ≥ only -> ≥; exact with
   ≤ only -> ≤; anything else -> ≈. (A sum or mean of lower bounds is a lower
   bound.)
5. ``kind`` (actual / target) is never mixed: targets from plans are their own
   series.

Every function takes a ``Filters`` (dashboard.filter_model) and returns a
DataFrame with English column names; pages rename columns for display via
``dashboard.downloads``.

Modules: ``core`` (summary tables, ``figure_where``, rules 1-3 as CTEs), ``rollup`` (rule 3 on fetched rows),
``options`` (sidebar choices), ``overview``, ``trends``, ``regions``, ``search``, ``reports`` (the reader),
``brief``, ``quality`` (also the import page's), ``samples`` and ``registry`` (every page's calls, for the
benchmark). Region-code arithmetic is dashboard/region_codes.py. To add a query, put it in its page's module
with the document filters from ``Filters.where`` / ``core.figure_where`` so the sidebar means the same
everywhere, and add its call to that module's ``CALLS``.
"""

from dashboard.queries.brief import (
    BRIEF_METRICS,
    GOVERNMENT_LEVELS,
    PLAN_TYPES,
    brief_added,
    brief_added_days,
    brief_default_year,
    brief_moves,
    brief_opening_year,
    brief_region_headline,
    brief_scope,
    brief_targets,
    brief_totals,
    brief_years,
    week_bounds,
)
from dashboard.queries.core import QUALIFIER_AGG, SOURCE_LABELS, figure_where
from dashboard.queries.options import filter_options, hidden_synthetic, metric_catalog, metrics_with_data, region_names
from dashboard.queries.overview import (
    COVERAGE_GRAINS,
    HEADLINE_METRICS,
    coverage,
    headline,
    overview_counts,
    recent_documents,
    yearly_totals,
)
from dashboard.queries.quality import (
    corrections_log,
    figure_row,
    ingest_errors,
    quality_checks,
    quality_documents,
    quality_summary,
    region_choices,
    uploaded_documents,
)
from dashboard.queries.regions import Ranking, metric_years, ranked_years, region_figures, region_ranking
from dashboard.queries.reports import document, document_figures
from dashboard.queries.search import SEARCH_POOL, TF_CHARS, search_documents, search_terms
from dashboard.queries.trends import trend
from dashboard.region_codes import LEVEL_ORDER, MUNICIPALITIES, child_prefix_len, parent_region, region_level, region_prefix

__all__ = [
    "BRIEF_METRICS", "COVERAGE_GRAINS", "GOVERNMENT_LEVELS", "HEADLINE_METRICS", "LEVEL_ORDER", "MUNICIPALITIES",
    "PLAN_TYPES", "QUALIFIER_AGG", "SEARCH_POOL", "SOURCE_LABELS", "TF_CHARS", "Ranking", "brief_added", "brief_added_days",
    "brief_default_year", "brief_moves", "brief_opening_year", "brief_region_headline", "brief_scope",
    "brief_targets", "brief_totals", "brief_years", "child_prefix_len", "corrections_log", "coverage", "document",
    "document_figures", "figure_row", "figure_where", "filter_options", "headline", "hidden_synthetic",
    "ingest_errors", "metric_catalog", "metric_years", "metrics_with_data", "overview_counts", "parent_region",
    "quality_checks", "quality_documents", "quality_summary", "ranked_years", "recent_documents", "region_choices",
    "region_figures", "region_level", "region_names", "region_prefix", "region_ranking", "search_documents",
    "search_terms", "trend", "uploaded_documents", "week_bounds", "yearly_totals",
]
