"""``python -m etl build --engine dask``: the build's chunks of files as tasks on a Dask cluster (issue 15).

Each task is etl/load/build_extract.py's ``extract_chunk``, the same as a local pool worker runs: a chunk of
files in, their rows staged as Parquet in the staging folder, their small ``FileResult``s back to the build.
The assembly (etl/load/build_write.py: reuse, duplicates, DuckDB in path order) is the usual one, so the
tables are the local build's (tests/test_dask_engine.py). How to run it on a cluster: docs/scale-out.md.

Why it is done this way:
- One thread per worker: the extraction is pure-Python CPU work; threads of one process share the GIL.
- A chunk that runs again (its worker died, the scheduler gave it to another) rewrites the same staged
  files by name (``Stage.write`` renames them into place), so a retry cannot stage a row twice.
- Each task first checks that its worker runs this code (``EXTRACTOR_VERSION``) and sees the data and
  staging folders at the build's paths. Without it a worker lacking the shared mount would turn its files
  into error rows and the build would swap in a database with holes; with it the build stops, the live
  file untouched.
- At most ``WINDOW`` chunks (or four per worker thread, if more) are handed to the scheduler at a time:
  10M reports are 300k chunks, and the scheduler need not hold them all.
- Not enforced here: the per-file time budget (etl/load/deadline.py) is a SIGALRM timer that works only in
  a process's main thread, and Dask runs tasks in worker threads; the readers' size and character limits
  still bound each file.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import uuid
from collections.abc import Iterator

from dask.distributed import Client, Future, LocalCluster, as_completed

from etl import EXTRACTOR_VERSION
from etl.load.build_extract import ChunkMap, FileResult, Stage, extract_chunk

WINDOW = 256  # chunks handed to the scheduler at once, at least (x 32 files: ~8k files queued)
ROOT_FIELD = 6  # the data folder's place in an extract_file argument tuple (etl/load/build.py's _classify)


class WorkerMismatch(RuntimeError):
    """A worker that cannot run the build's tasks as the build would: other code, or not the shared paths."""


def run_chunk(version: str, stage: Stage, chunk_id: int, items: list[tuple]) -> list[FileResult]:
    """The task: check this worker can do the chunk as the build would, then ``extract_chunk``."""
    host = os.uname().nodename
    if EXTRACTOR_VERSION != version:
        raise WorkerMismatch(f"工作节点 {host} 的 etl 代码与构建进程不同 / worker {host} runs other etl code "
                             f"({EXTRACTOR_VERSION[:12]} != {version[:12]}): install the same version everywhere")
    for root in {item[ROOT_FIELD] for item in items if item[ROOT_FIELD] is not None}:
        if not os.path.isdir(root):
            raise WorkerMismatch(f"工作节点 {host} 读不到数据目录 / worker {host} cannot see the data folder {root}")
    if not stage.path.is_dir():
        raise WorkerMismatch(f"工作节点 {host} 看不到暂存目录 / worker {host} cannot see the staging folder "
                             f"{stage.path}: pass --stage-dir on a folder every worker shares")
    return extract_chunk(stage, chunk_id, items)


def _submit(client: Client, version: str, build_id: str, task: tuple) -> Future:
    stage, chunk_id, items = task
    # pure=False: a chunk's files may have changed since a run with the same arguments; the key names the chunk
    return client.submit(run_chunk, version, stage, chunk_id, items, key=f"etl-chunk-{build_id}-{chunk_id}",
                         pure=False)


def _map(client: Client, version: str, tasks: list[tuple]) -> Iterator[list[FileResult]]:
    """Each chunk's results as it finishes; a task's error is raised here, which stops the build."""
    build_id = uuid.uuid4().hex[:8]
    window = max(WINDOW, 4 * sum(client.nthreads().values()))
    pending = iter(tasks)
    running = as_completed([_submit(client, version, build_id, t) for t in itertools.islice(pending, window)])
    for future in running:
        results = future.result()
        future.release()
        following = next(pending, None)
        if following is not None:
            running.add(_submit(client, version, build_id, following))
        yield results


@contextlib.contextmanager
def dask_chunks(workers: int, scheduler: str | None, version: str = EXTRACTOR_VERSION) -> Iterator[ChunkMap]:
    """A ``ChunkMap`` on the cluster at ``scheduler``, or on a LocalCluster of ``workers`` processes (one
    thread each) started here and stopped when the block ends."""
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(scheduler))
        yield functools.partial(_map, client, version)
