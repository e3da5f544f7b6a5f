"""The ETL as the dashboard sees it: the one module pages/, dashboard/ and app.py import from etl.

Why one door: the app used to reach into the ETL at a dozen places (the build, the log, the readers, the
catalogue, the tokenizer …), so any move inside etl/ broke a page. Everything the app needs is named here,
with why it needs it; tests/test_import_rules.py fails when a page imports etl some other way.
Light enough for every page: no extraction pipeline, no pyarrow (the build loads them only when it runs).
"""

from __future__ import annotations

from pathlib import Path

from etl import paths
from etl.after import corrections, live
from etl.after import summaries as summaries  # queries: the summary tables' names and SQL (source, QUALIFIER_AGG)
from etl.after.checks import CHECK_LABELS as CHECK_LABELS  # the quality page names each check in Chinese
from etl.after.corrections import ACTION_LABELS as ACTION_LABELS  # the quality page's log: what each correction did
from etl.after.corrections import STATUS_LABELS as STATUS_LABELS  # ... and whether it is in force
from etl.after.corrections import CorrectionError as CorrectionError  # a refused correction, message in Chinese
from etl.after.corrections import region_payload as region_payload  # a region picked by code -> document fields
from etl.after.live import NotRefreshed as NotRefreshed  # saved in the log, live file not refreshed yet
from etl.after.live import refresh_live as refresh_live  # failures.py: re-apply the log after its own append
from etl.extract import catalog
from etl.extract.catalog import Metric as Metric  # a catalogue entry (label, unit, direction)
from etl.extract.metadata import find_title as find_title  # search results: the title line the ETL would take
from etl.extract.tokens import query_tokens as query_tokens  # search: a query cut as the documents' tokens were
from etl.load.build import EmptyRebuild as EmptyRebuild  # a first build that would empty a live database
from etl.load.build import build as build  # in-process build (db.ensure_built on first start), on_progress(done, total)
from etl.load.build_child import BuildOutcome as BuildOutcome  # what a child build did, fit for the import page
from etl.load.build_child import run_build as run_build  # a build in a child process, on_progress(done, total)
from etl.load.build_plan import BuildSummary as BuildSummary  # counts of an in-process build
from etl.load.build_plan import Progress as Progress  # the progress callback: (files done, files to read)
from etl.load.store import SCHEMA_VERSION as SCHEMA_VERSION  # the pages: an older database is upgraded, not shown
from etl.load.text_store import Codec as TextCodec  # noqa: F401 — reader and search: a text of ``texts``, decompressed
from etl.read.admission import UPLOAD_TEMP_PREFIX as UPLOAD_TEMP_PREFIX  # uploads' temp names, which builds skip
from etl.read.normalise import drop_glosses as drop_glosses  # a title derived from raw text, shown without 專業(yè)
from etl.read.readers import ReadError as ReadError  # uploads: a file the build could not read, in Chinese
from etl.read.readers import precheck as precheck  # uploads: refuse what the build would refuse, before storing
from etl.read.readers import sniff as sniff  # uploads: a file's real format from its bytes, as the build reads it

DB_NAME = paths.DB_NAME  # the database's file name inside the data folder
DEFAULT_DATA = paths.DEFAULT_DATA  # data/ next to app.py, when REPORTS_DATA is not set
data_dir = paths.data_dir  # the folder of report files (REPORTS_DATA), the one every build reads
db_path = paths.db_path  # the database the app reads (REPORTS_DB)
make_correction = corrections.make  # a new, validated correction (raises CorrectionError in Chinese)
save_correction = live.save  # append to the log, then refresh the live database (NotRefreshed if only the first)
revert_correction = live.revert  # undo an active correction by saving a revert record


def metric_catalogue() -> dict[str, Metric]:
    """The metric catalogue (key -> label, unit, direction …): labels and colours on the pages."""
    return catalog.load()


def append_correction(data_dir: Path, correction: dict) -> dict:
    """Append a correction to the log only (failures.py refreshes the live file itself, to tell the two apart)."""
    return corrections.append(corrections.log_path(data_dir), correction)


def read_corrections(data_dir: Path) -> tuple[list[dict], list[str]]:
    """(corrections in log order, unreadable lines): a revert looks its target up here."""
    return corrections.read_log(corrections.log_path(data_dir))
