"""What a build found and decided (``Plan``) and what it did (``BuildSummary``).

Apart from etl/load/build.py (the light entry that makes a plan) and etl/load/build_write.py (the heavy
half that carries it out) so that both import these names at the top and neither imports the other's
module: the writer needs the plan, the entry needs the writer only when there is work to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from etl.load import migrate
from etl.load.build_state import fingerprint

Progress = Callable[[int, int], None]  # (files done, files to read), called by the extraction loop


@dataclass
class BuildSummary:
    files_seen: int
    files_read: int
    files_reused: int
    documents: int
    figures: int
    errors: int
    seconds: float
    db_path: Path
    note: str = ""  # why everything was re-extracted (schema/extractor version), if so
    stale_temps_removed: int = 0

    def line(self) -> str:
        extra = f" ({self.note})" if self.note else ""
        if self.stale_temps_removed:
            extra += f" 清理了 {self.stale_temps_removed} 个中断构建留下的临时文件"
        return (f"完成 build: files={self.files_seen} read={self.files_read} reused={self.files_reused} "
                f"documents={self.documents} figures={self.figures} errors={self.errors} "
                f"seconds={self.seconds:.2f} -> {self.db_path}{extra}")


@dataclass
class Plan:
    """What a build found and decided before reading any file; etl/load/build_write.py carries it out."""

    data_dir: Path
    db_path: Path
    files: list[tuple[str, str, int, float]]  # scan()
    prev: migrate.Previous
    old: dict[str, dict]  # path -> the previous build's files row (empty when it cannot be reused)
    todo: list[tuple]  # extract_file arguments of the files to read
    reuse: dict[str, dict]  # path -> old files row of an unchanged file
    dups: dict[str, tuple]  # unchanged files that were duplicates: (old row, extract_file arguments)
    workers: int
    progress: bool
    started: datetime
    t0: float
    extractor_version: str  # EXTRACTOR_VERSION, recorded with the run
    delta_max_churn: float  # DELTA_MAX_CHURN
    on_progress: Progress | None = None  # called from the extraction loop: (files done, files to read)
    engine: str = "local"  # "local": a process pool here; "dask": tasks on a Dask cluster (etl/load/dask_engine.py)
    scheduler: str | None = None  # the Dask scheduler's address; None: a LocalCluster of ``workers``
    stage_dir: Path | None = None  # where the staged Parquet goes (shared by every Dask worker); None: beside the db

    def nothing_to_do(self) -> bool:
        """Nothing to read, nothing gone, the post-build inputs as they were: the live file is already this
        build's result, and rewriting it would only make every dashboard cache start over."""
        return (self.prev.reusable and not self.prev.rewrite and not self.todo and len(self.old) == len(self.files)
                and _post_build_current(self.prev, self.data_dir))


def _post_build_current(prev: migrate.Previous, data_dir: Path) -> bool:
    return prev.post_build_inputs is not None and prev.post_build_inputs == fingerprint(data_dir)
