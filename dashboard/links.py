"""Links between pages: a page path plus the filters and page keys as a query string, made in one place.

A link that opens a new tab (the 阅读 columns, the search hits) starts a new session, which reads its
filters from the URL: without them the reader lost the sidebar's choice. ``st.page_link`` takes the same
keys as a dict (``page_query``). Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from dashboard.filter_model import Filters, to_params

READER = "reports"  # the page that opens one report (``doc`` key)


def _pairs(f: Filters | None, extra: Mapping[str, str | None] | None) -> list[tuple[str, str]]:
    pairs = [(k, v) for k, vals in to_params(f).items() for v in vals] if f is not None else []
    return pairs + [(k, v) for k, v in (extra or {}).items() if v]


def link(page: str, f: Filters | None = None, extra: Mapping[str, str | None] | None = None) -> str:
    """A relative link to ``page`` (``"reports"``) that carries the filters ``f`` and ``extra`` page keys.

    ``link("reports", Filters(regions=("440000",)), {"doc": "x"})`` -> ``reports?region=440000&doc=x``;
    a key whose value is empty or None is left out; without any key the bare page.
    """
    pairs = _pairs(f, extra)
    return f"{page}?{urlencode(pairs)}" if pairs else page


def report_link(doc_id: object, f: Filters | None = None, extra: Mapping[str, str | None] | None = None) -> str | None:
    """The reader's link for one report (None when ``doc_id`` is missing: a file that gave no report)."""
    if not isinstance(doc_id, str) or not doc_id:
        return None
    return link(READER, f, {**(extra or {}), "doc": doc_id})


def page_query(f: Filters | None = None, extra: Mapping[str, str | None] | None = None) -> dict[str, str | list[str]]:
    """``f`` and ``extra`` as ``st.page_link(..., query_params=...)`` takes them (one value, or a list)."""
    out: dict[str, list[str]] = {}
    for k, v in _pairs(f, extra):
        out.setdefault(k, []).append(v)
    return {k: v if len(v) > 1 else v[0] for k, v in out.items()}
