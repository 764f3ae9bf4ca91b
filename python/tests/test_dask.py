"""bantin.dask on a LocalCluster of two workers: the merged folder equals one ingest of the
same shards — the same articles in the same order, extractions, search answers and stories."""
import json
import os
import subprocess

import pytest

import bantin
import bantin.dask

SOURCE = os.environ.get("BANTIN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("BANTIN_CLI", "")


def run(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def answers(db):
    """What a user sees of a folder, wall-clock timings left out."""
    out = {"events": run("events", "--db", db, "--format", "json"),
           "entities": run("entities", "--db", db, "--json", "--limit", "1000"),
           "stories": run("stories", "--db", db)}
    for q in ("dam phan", "metro Thủ Thiêm", "lũ Quảng Nam", '"hội chợ"'):
        hits = json.loads(run("search", "--db", db, "--json", "--limit", "20", q))
        out[q] = [(h["id"], round(h["score"], 6), h["story"]) for h in hits["hits"]]
    s = bantin.Store(db)
    out["articles"] = [s.article(h.id).text for h in s.search("Việt Nam OR Philippines OR metro OR lũ", limit=50)]
    return out


def test_two_workers_give_what_one_ingest_gives(tmp_path):
    distributed = pytest.importorskip("distributed")
    if not CLI:
        pytest.skip("BANTIN_CLI not set (run through ctest)")
    lines = run("read", os.path.join(SOURCE, "data", "sample")).splitlines()
    assert len(lines) == 12
    shards = []
    for i in range(3):  # three shards of four articles, more shards than workers
        path = tmp_path / f"news-{i:03d}.jsonl"
        path.write_text("\n".join(lines[4 * i:4 * i + 4]) + "\n", encoding="utf-8")
        shards.append(str(path))
    single = str(tmp_path / "single")
    run("ingest", "--quiet", "--db", single, *shards)

    merged = str(tmp_path / "merged")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        result = bantin.dask.ingest(shards, merged, client=client, work_dir=str(tmp_path / "work"))
    assert result["errors"] == []
    assert [s["added"] for s in result["shards"]] == [4, 4, 4]
    assert result["merge"]["added"] == 12 and result["merge"]["extractions_copied"] == 12
    assert result["merge"]["extracted"] == 0  # nothing extracted twice
    assert answers(merged) == answers(single)
    assert subprocess.run([CLI, "check", "--db", merged], capture_output=True).returncode == 0


def test_merge_stores_an_article_in_two_shards_once(tmp_path):
    if not CLI:
        pytest.skip("BANTIN_CLI not set (run through ctest)")
    lines = run("read", os.path.join(SOURCE, "data", "sample")).splitlines()
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(lines[2:5]) + "\n", encoding="utf-8")  # line 3 in both
    folders = []
    for name in ("a", "b"):
        folder = str(tmp_path / f"{name}-db")
        bantin.ingest(folder, [str(tmp_path / f"{name}.jsonl")], stories=False)
        folders.append(folder)
    stats = bantin.merge(str(tmp_path / "out"), folders)
    assert (stats["read"], stats["added"], stats["already_stored"]) == (6, 5, 1)
    assert len(bantin.Store(str(tmp_path / "out"))) == 5
