"""Sidebar filters that live in the URL, so a copied link reproduces the view on any page.

The filter value itself (URL keys, its SQL and its caption) is ``dashboard.filter_model.Filters``; this
module is its Streamlit side.

``Filters`` is a plain value; ``from_params``/``to_params`` convert it to and
from the URL without Streamlit, so tests build filters by hand. ``sidebar``
draws the widgets: on a session's first run they start from the URL, after
that the widgets are the truth and are written back to the URL every run
(page switches may drop the query string; the next run puts it back).
Page-specific URL keys (search text, open report, drill-down) go through
``page_param``/``set_page_param``. Search text is cut to ``SEARCH_MAX_CHARS`` before it is searched or
written to the URL (``capped_search``): a pasted 100 KB text made a 900 KB address that no browser opens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.filter_model import (  # re-exported: pages and tests take the filter value from here
    FILTER_KEYS,
    YEAR_MAX,
    YEAR_MIN,
    FilterOptions,
    Filters,
    from_params,
    to_params,
)
from dashboard.format import DOC_TYPE_LABELS, LEVEL_LABELS

__all__ = ["FILTER_KEYS", "YEAR_MAX", "YEAR_MIN", "FilterOptions", "Filters", "from_params", "to_params"]

SEARCH_MAX_CHARS = 200  # a search is a few words; each CJK character is 9 characters of URL
SEARCH_CUT_NOTE = f"搜索文字最多 {SEARCH_MAX_CHARS} 个字,超出的部分未用于搜索。"


# --- Streamlit side -------------------------------------------------------------------------------------------

_W = {"regions": "flt_region", "levels": "flt_level", "years": "flt_years", "doc_types": "flt_type",
      "metrics": "flt_metric", "synthetic": "flt_synthetic"}
_STATE = "filters"
_INIT = "_filters_from_url"
_WRITTEN = "_filters_written"  # the filter parameters the sidebar last put in the URL


def url_params() -> dict[str, list[str]]:
    """The current query string as ``{key: [values]}``."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def current() -> Filters:
    """The filters chosen in the sidebar on this run. Every page calls this first.

    It also makes sure app.py ran: because the pages live in ``pages/``, Streamlit's legacy multipage
    emulation runs a page file *without* app.py when a fresh server's first request is a page URL
    (e.g. a shared link to /trends). Then there is no sidebar and no ``st.navigation``; we switch the
    emulation off and rerun, so app.py runs and routes to the same page with the same query string.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state.get(_STATE, Filters())


def write_url(params: Mapping[str, Sequence[str]], keys: Iterable[str]) -> None:
    """Set ``keys`` in the query string to ``params`` (absent -> removed), touching nothing else."""
    for key in keys:
        want = list(params.get(key, []))
        have = st.query_params.get_all(key)
        if want == have:
            continue
        if want:
            st.query_params[key] = want if len(want) > 1 else want[0]
        elif key in st.query_params:
            del st.query_params[key]


def _init_widgets(f: Filters, opts: FilterOptions) -> None:
    ss = st.session_state
    ss[_W["regions"]] = list(f.regions)
    ss[_W["levels"]] = [v for v in f.levels if v in opts.levels]
    ss[_W["doc_types"]] = [v for v in f.doc_types if v in opts.doc_types]
    ss[_W["metrics"]] = [v for v in f.metrics if v in dict(opts.metrics)]
    ss[_W["synthetic"]] = f.synthetic
    if opts.years is not None:
        lo, hi = opts.years
        y0 = min(max(f.year_from if f.year_from is not None else lo, lo), hi)
        y1 = max(min(f.year_to if f.year_to is not None else hi, hi), y0)
        ss[_W["years"]] = (y0, y1)


def _reset() -> None:
    for key in _W.values():
        st.session_state.pop(key, None)
    st.session_state[_INIT] = False


def _url_filters() -> dict[str, list[str]]:
    """The filter keys of the query string, as ``to_params`` writes them."""
    return {k: v for k, v in url_params().items() if k in FILTER_KEYS and v}


def sidebar(opts: FilterOptions) -> Filters:
    """Draw the filter widgets in the sidebar, keep the URL in step, and return the chosen filters.

    The URL wins over the widgets when it holds filters this function did not write: a link between pages
    (``st.page_link(..., query_params=...)``, a drill-down's "show in 趋势") opens in the same session, and
    its filters must apply. A query string without filters (a page switch can drop it) changes nothing.
    """
    ss = st.session_state
    from_url = _url_filters()
    if not ss.get(_INIT):
        _init_widgets(from_params(url_params()) if _INIT not in ss else Filters(), opts)
        ss[_INIT] = True
    elif from_url and from_url != ss.get(_WRITTEN):
        _init_widgets(from_params(from_url), opts)
    region_labels = dict(opts.regions)
    region_codes = list(region_labels) + [c for c in ss.get(_W["regions"], []) if c not in region_labels]
    sb = st.sidebar
    sb.markdown("#### 筛选")
    regions = sb.multiselect("地区", region_codes, key=_W["regions"], placeholder="全部地区",
                             format_func=lambda c: region_labels.get(c, c),
                             help="选择省或市时包括其下属各级的文档")
    levels = sb.multiselect("层级", list(opts.levels), key=_W["levels"], placeholder="全部层级",
                            format_func=lambda v: LEVEL_LABELS.get(v, v))
    year_from = year_to = None
    if opts.years is not None and opts.years[0] < opts.years[1]:
        lo, hi = opts.years
        y0, y1 = sb.slider("年份", lo, hi, key=_W["years"], help="取全范围时也包括年份未识别的文档")
        if (y0, y1) != (lo, hi):
            year_from, year_to = y0, y1
    doc_types = sb.multiselect("文档类型", list(opts.doc_types), key=_W["doc_types"], placeholder="全部类型",
                               format_func=lambda v: DOC_TYPE_LABELS.get(v, v))
    metric_labels = dict(opts.metrics)
    metrics = sb.multiselect("指标", list(metric_labels), key=_W["metrics"], placeholder="全部指标",
                             format_func=lambda k: metric_labels.get(k, k))
    synthetic = sb.toggle("包含合成数据", key=_W["synthetic"], help="合成数据仅用于测试与基准,默认不计入")
    sb.button("清除筛选", on_click=_reset, width="stretch")
    sb.caption("筛选条件保存在网址中:复制浏览器地址即可分享当前视图。")
    f = Filters(tuple(regions), tuple(levels), year_from, year_to, tuple(doc_types), tuple(metrics), bool(synthetic))
    ss[_STATE] = f
    ss[_WRITTEN] = to_params(f)
    write_url(ss[_WRITTEN], FILTER_KEYS)
    return f


def page_param(key: str, default: str = "") -> str:
    """A page's own URL parameter (search text, open report, drill-down)."""
    vals = st.query_params.get_all(key)
    return vals[-1] if vals else default


def set_page_param(key: str, value: str | None) -> None:
    """Set (or with None/'' remove) a page's own URL parameter."""
    write_url({key: [value]} if value else {}, [key])


def capped_search(text: str) -> tuple[str, bool]:
    """(``text`` cut to ``SEARCH_MAX_CHARS`` characters, whether it was cut)."""
    text = text or ""
    return text[:SEARCH_MAX_CHARS], len(text) > SEARCH_MAX_CHARS


def url_choice(container: Any, label: str, options: Sequence[Any], param: str, default: Any = None,
               format_func: Any = str, key: str | None = None, radio: bool = False) -> Any:
    """A selectbox (or horizontal radio) on the page whose choice is also the URL parameter ``param``.

    Starts from the URL value when it is one of ``options`` (compared as text), else ``default``, else the first.
    """
    if not options:
        return None
    by_text = {str(o): o for o in options}
    initial = by_text.get(page_param(param), default if default in options else options[0])
    kwargs = {"index": list(options).index(initial), "format_func": format_func, "key": key or f"url_{param}"}
    if radio:
        choice = container.radio(label, list(options), horizontal=True, **kwargs)
    else:
        choice = container.selectbox(label, list(options), **kwargs)
    set_page_param(param, str(choice) if choice is not None else None)
    return choice

