"""What the benchmark (and the registry test) call each page's queries with: one ``Call`` per query a page runs.

Each query module lists its own calls (``CALLS``) beside its functions, with the arguments a page passes;
``registry`` gathers them per page. ``Samples`` are typical arguments read from the database itself (the
busiest province, city, metrics, year, document), so the calls do real work on any corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import pandas as pd

from dashboard.filter_model import Filters

# the pages in the order the benchmark reports them
PAGES = ("app (sidebar, every page)", "overview", "trends", "regions", "reports", "brief", "quality", "import_reports")


@dataclass(frozen=True)
class Samples:
    """Arguments for the calls; the filters show synthetic reports (a benchmark corpus is synthetic)."""

    province: str
    city: str
    metric: str
    metric2: str
    metric3: str
    year: int
    doc_id: str | None
    figure_id: str | None
    paths: list[str] = field(default_factory=list)
    now: datetime = field(default_factory=datetime.now)

    @property
    def F(self) -> Filters:
        return Filters(synthetic=True)

    @property
    def Fp(self) -> Filters:
        return Filters(regions=(self.province,), synthetic=True)

    @property
    def Fm(self) -> Filters:
        return replace(self.F, metrics=self.metrics)

    @property
    def metrics(self) -> tuple[str, str, str]:
        return self.metric, self.metric2, self.metric3


@dataclass(frozen=True)
class Call:
    """One query as a page runs it: the page, a label (``function(arguments)``) and the call itself."""

    page: str
    label: str
    run: Callable[[Samples], Any]

    @property
    def function(self) -> str:
        return self.label.split("(")[0]


def pick(query: Callable[[str, list[Any]], pd.DataFrame]) -> Samples:
    """Typical arguments from the database behind ``query`` (``db.query_uncached``)."""
    def one(sql: str, params: list[Any] | None = None) -> Any:
        df = query(sql, params or [])
        return None if df.empty else df.iloc[0, 0]

    prov = one("""SELECT substr(region_code, 1, 2) || '0000' FROM documents WHERE region_code IS NOT NULL
                  GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""")
    city = one("""SELECT substr(region_code, 1, 4) || '00' FROM documents
                  WHERE starts_with(region_code, ?) AND NOT region_code LIKE '%0000'
                  GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""", [str(prov)[:2]])
    metrics = query("SELECT metric FROM figures GROUP BY metric ORDER BY count(DISTINCT doc_id) DESC, metric LIMIT 3",
                    [])
    ms = [*metrics["metric"].tolist(), None, None, None]
    year = one("""SELECT d.year FROM figures f JOIN documents d USING (doc_id)
                  WHERE f.metric = ? AND f.kind = 'actual' AND d.year IS NOT NULL
                  GROUP BY d.year ORDER BY count(*) DESC, d.year DESC LIMIT 1""", [ms[0]])
    doc_id = one("SELECT doc_id FROM figures GROUP BY doc_id ORDER BY count(*) DESC, doc_id LIMIT 1")
    figure_id = one("SELECT figure_id FROM figures WHERE doc_id = ? ORDER BY start LIMIT 1", [doc_id])
    paths = query("SELECT path FROM files ORDER BY path LIMIT 5", [])["path"].tolist()
    return Samples(province=prov, city=city or prov, metric=ms[0], metric2=ms[1] or ms[0], metric3=ms[2] or ms[0],
                   year=int(year) if year is not None else 2023, doc_id=doc_id, figure_id=figure_id, paths=paths)
