"""An archive too large for one machine, on a Dask cluster (docs/scale.md).

    from distributed import Client
    import bantin.dask
    client = Client("tcp://scheduler:8786")
    bantin.dask.ingest(["news-000.jsonl.zst", "news-001.jsonl.zst", ...], "bantin-data",
                       work_dir="/shared/bantin-shards", client=client)

Each shard is analysed by a worker into a data folder of its own with the same Pipeline as
`bantin ingest` (store, index, entities, dates, events), without stories; then the folders are
merged, in the shards' order, into one (`bantin merge`): articles copied with their extraction,
the index built and the stories threaded over the whole. The result equals one `bantin ingest`
of the shards in that order (python/tests/test_dask.py). `work_dir` must be a folder both the
workers and this process can read (a shared file system on a real cluster).
"""
from __future__ import annotations

import os
import shutil
import time
from typing import Optional

from . import _bantin


def _ingest_shard(shard: str, folder: str, default_date: Optional[str]) -> dict:
    started = time.monotonic()
    shutil.rmtree(folder, ignore_errors=True)  # a folder of an earlier run, or of a task run again
    stats = _bantin.ingest(folder, [shard], True, False, default_date)
    stats["shard"], stats["folder"], stats["seconds"] = shard, folder, time.monotonic() - started
    return stats


def ingest(shards: list[str], out: str, client=None, work_dir: Optional[str] = None,
           default_date: Optional[str] = None, merge: bool = True) -> dict:
    """Ingests `shards` (JSONL(.zst) files, or anything `bantin ingest` reads) on the cluster
    `client` talks to (default: distributed's current client), one task a shard, then merges
    the shards' folders into `out` unless `merge` is False (then `out` is not written and the
    folders are in the answer's "folders"). Returns the counts: each shard's and the merge's."""
    if client is None:
        from distributed import default_client
        client = default_client()
    work_dir = work_dir or out + ".shards"
    os.makedirs(work_dir, exist_ok=True)
    folders = [os.path.join(work_dir, f"shard-{i:05d}") for i in range(len(shards))]
    started = time.monotonic()
    futures = client.map(_ingest_shard, list(shards), folders, [default_date] * len(shards), pure=False)
    per_shard = client.gather(futures)
    analysed = time.monotonic() - started
    answer = {"shards": per_shard, "folders": folders, "analyse_seconds": analysed}
    if merge:
        merged_at = time.monotonic()
        answer["merge"] = _bantin.merge(out, folders)
        answer["merge_seconds"] = time.monotonic() - merged_at
    answer["seconds"] = time.monotonic() - started
    errors = [e for s in per_shard for e in s["errors"]]
    answer["errors"] = errors
    return answer
