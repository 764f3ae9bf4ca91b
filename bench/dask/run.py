#!/usr/bin/env python3
"""bantin.dask's speed-up from one worker to two on this machine, and what a million articles
cost per worker: SHARDS shards of PER articles from ../shared/data/corpus, ingested by a
LocalCluster of 1 then 2 single-threaded workers (each shard's Pipeline as `bantin ingest`),
then merged; the anchor in the same run is one `bantin ingest` of the same shards.
Usage (from the repository's root, after make): PYTHONPATH=build python3 bench/dask/run.py [SHARDS] [PER]"""
import json
import os
import shutil
import subprocess
import sys
import time

import bantin
import bantin.dask

if __name__ == "__main__":
    import distributed

    shards_n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    corpus = os.path.join(root, "..", "shared", "data", "corpus", "dantri.jsonl.zst")
    cli = os.path.join(root, "build", "src", "cli", "bantin")
    work = "/tmp/bantin-dask-bench"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    lines = subprocess.run(["zstdcat", corpus], check=True, capture_output=True, text=True).stdout.splitlines()
    lines = lines[: shards_n * per]
    shards = []
    for i in range(shards_n):
        path = os.path.join(work, f"news-{i:03d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines[i * per:(i + 1) * per]) + "\n")
        shards.append(path)
    n = len(lines)
    t = time.monotonic()
    done = subprocess.run([cli, "ingest", "--quiet", "--db", os.path.join(work, "single"), *shards],
                          capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1: some corpus lines are not articles (no title)
    single = time.monotonic() - t
    rows = [("one `bantin ingest` (anchor)", single, None, None)]
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            r = bantin.dask.ingest(shards, os.path.join(work, f"merged-{workers}"), client=client,
                                   work_dir=os.path.join(work, f"work-{workers}"))
        errors = len(r["errors"])
        rows.append((f"bantin.dask, {workers} worker{'s' if workers > 1 else ''}", r["seconds"], r["analyse_seconds"],
                     r["merge_seconds"]))
    print(f"{n} corpus lines ({errors} not articles) in {shards_n} shards; machine: {os.cpu_count()} cores")
    print("| run | seconds | articles/s | analyse (workers) | merge | vs one ingest |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, total, analyse, merge in rows:
        print(f"| {name} | {total:.1f} | {n / total:.0f} | {'' if analyse is None else f'{analyse:.1f}'} | "
              f"{'' if merge is None else f'{merge:.1f}'} | {single / total:.2f}× |")
    one, two = rows[1], rows[2]
    print(f"speed-up 1 -> 2 workers: {one[1] / two[1]:.2f}× overall, {one[2] / two[2]:.2f}× in the workers' part")
    per_million = one[2] / n * 1e6 / 3600
    merge_million = two[3] / n * 1e6 / 3600
    print(f"projected per million articles: {per_million:.1f} worker-hours of analysis (one worker, "
          f"one core), merge {merge_million:.1f} h on one machine")
